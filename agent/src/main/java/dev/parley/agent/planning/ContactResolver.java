package dev.parley.agent.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which of the owner's contacts an instruction means: by name or company ("Luigi's"), by a
 * role word matched against notes and company ("my dentist" → "Bright Smile Dental"), or by phone.
 */
final class ContactResolver {

  /** The best matches; more than one means the instruction is ambiguous. */
  record Resolution(List<Contact> best, String mention) {}

  private static final Map<String, Set<String>> ROLES =
      Map.ofEntries(
          Map.entry("dentist", Set.of("dentist", "dental", "dentistry", "orthodontist", "smile")),
          Map.entry("orthodontist", Set.of("orthodontist", "orthodontics", "braces")),
          Map.entry(
              "doctor",
              Set.of(
                  "doctor",
                  "dr",
                  "medical",
                  "medicine",
                  "clinic",
                  "physician",
                  "gp",
                  "pediatrics")),
          Map.entry("gp", Set.of("doctor", "gp", "physician", "medical")),
          Map.entry("pediatrician", Set.of("pediatrician", "pediatrics", "paediatrics")),
          Map.entry("plumber", Set.of("plumber", "plumbing")),
          Map.entry("electrician", Set.of("electrician", "electric", "electrical")),
          Map.entry("mechanic", Set.of("mechanic", "auto", "garage", "motors", "car")),
          Map.entry("garage", Set.of("mechanic", "auto", "garage", "motors")),
          Map.entry("car", Set.of("mechanic", "auto", "garage", "motors", "car")),
          Map.entry("gym", Set.of("gym", "fitness")),
          Map.entry("vet", Set.of("vet", "veterinary", "veterinarian", "animal")),
          Map.entry("mom", Set.of("mom", "mother", "mum", "mama")),
          Map.entry("mum", Set.of("mom", "mother", "mum")),
          Map.entry("mother", Set.of("mom", "mother", "mum")),
          Map.entry("dad", Set.of("dad", "father")),
          Map.entry("father", Set.of("dad", "father")),
          Map.entry("sister", Set.of("sister")),
          Map.entry("brother", Set.of("brother")),
          Map.entry("wife", Set.of("wife")),
          Map.entry("husband", Set.of("husband")),
          Map.entry("landlord", Set.of("landlord", "property", "management")),
          Map.entry("accountant", Set.of("accountant", "accounting", "cpa", "tax")),
          Map.entry("lawyer", Set.of("lawyer", "attorney", "law")),
          Map.entry("barber", Set.of("barber", "hair", "salon")),
          Map.entry("hairdresser", Set.of("hair", "salon", "hairdresser", "stylist")),
          Map.entry("salon", Set.of("hair", "salon")),
          Map.entry("pharmacy", Set.of("pharmacy", "pharmacist", "drugstore")),
          Map.entry("insurance", Set.of("insurance", "insurer")),
          Map.entry("internet", Set.of("internet", "cable", "broadband", "isp")),
          Map.entry("cable", Set.of("internet", "cable", "broadband")),
          Map.entry("landscaper", Set.of("landscaping", "landscaper", "garden", "lawn")),
          Map.entry("gardener", Set.of("landscaping", "garden", "gardener", "lawn")),
          Map.entry("babysitter", Set.of("babysitter", "nanny", "sitter")),
          Map.entry("nanny", Set.of("babysitter", "nanny")),
          Map.entry("therapist", Set.of("therapist", "therapy", "counseling")),
          Map.entry("school", Set.of("school", "academy", "elementary")));

  /** Words too common in company names to identify one. */
  private static final Set<String> GENERIC =
      Set.of(
          "the",
          "and",
          "of",
          "inc",
          "llc",
          "ltd",
          "co",
          "company",
          "services",
          "service",
          "group",
          "center",
          "centre",
          "family",
          "dental",
          "medical",
          "auto",
          "repair",
          "care",
          "clinic",
          "fitness",
          "plumbing",
          "dr",
          "mr",
          "mrs",
          "ms",
          "my",
          "new",
          "city",
          "best",
          "home",
          "shop",
          "store",
          "office",
          "call",
          "book",
          "appointment");

  private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?");
  private static final Pattern CAPITALISED =
      Pattern.compile("(?<![.!?]\\s|^)\\b((?:Dr\\.?\\s+)?[A-Z][\\w']+(?:\\s+[A-Z][\\w']+)*)");
  private static final Pattern CALLEE =
      Pattern.compile(
          "(?i)^(?:please\\s+)?(?:call|ring|phone|remind|ask|contact|tell|dial|text)\\s+(?:up\\s+)?"
              + "((?:[\\w'.&]+\\s+){0,2}[\\w'.&]+)");
  private static final Pattern ROLE_PHRASE =
      Pattern.compile("(?i)\\b(?:my|our|the|his|her)\\s+([a-z]+(?:'s)?)");
  private static final Set<String> NOT_MENTIONS =
      Set.of(
          "I",
          "Monday",
          "Tuesday",
          "Wednesday",
          "Thursday",
          "Friday",
          "Saturday",
          "Sunday",
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December",
          "Thanksgiving",
          "Christmas",
          "AM",
          "PM");

  private ContactResolver() {}

  static Resolution resolve(String instruction, List<Contact> contacts, String inlinePhone) {
    String lower = instruction.toLowerCase(Locale.ROOT);
    Set<String> words = words(lower);
    Matcher object = CALLEE.matcher(instruction);
    String callee = object.find() ? object.group(1) : null;
    List<Scored> scored = new ArrayList<>();
    for (Contact c : contacts) {
      int s = score(c, instruction, lower, words, inlinePhone);
      // The object of "call"/"remind"/"ask" is whom to call; other matches are what it is about.
      if (s > 0 && callee != null) {
        String cl = callee.toLowerCase(Locale.ROOT);
        if (score(c, callee, cl, words(cl), null) > 0) {
          s += 6;
        }
      }
      if (s >= 5) {
        scored.add(new Scored(c, s));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::score).reversed());
    List<Contact> best = new ArrayList<>();
    for (Scored s : scored) {
      if (s.score == scored.get(0).score) {
        best.add(s.contact);
      }
    }
    return new Resolution(best, mention(instruction, words));
  }

  private record Scored(Contact contact, int score) {}

  private static int score(
      Contact c, String original, String lower, Set<String> words, String inlinePhone) {
    int score = 0;
    if (inlinePhone != null && inlinePhone.equals(c.phone())) {
      score += 20;
    }
    for (String field : new String[] {c.name(), c.company()}) {
      if (field == null || field.isBlank()) {
        continue;
      }
      String f = field.toLowerCase(Locale.ROOT);
      if (containsPhrase(lower, f) || containsPhrase(lower, stripPossessive(f))) {
        score += 12;
        continue;
      }
      for (String w : words(f)) {
        if (w.length() >= 3 && !GENERIC.contains(w) && words.contains(w)) {
          // Person first names only count when written with a capital, as names are.
          if (c.kind() == Contact.Kind.PERSON && !containsPhrase(original, capitalise(w))) {
            continue;
          }
          score += 7;
          break;
        }
      }
    }
    Set<String> bag = new HashSet<>();
    for (String field : new String[] {c.name(), c.company(), c.notes()}) {
      if (field != null) {
        bag.addAll(words(field.toLowerCase(Locale.ROOT)));
      }
    }
    for (String w : words) {
      Set<String> synonyms = ROLES.get(w);
      if (synonyms != null && !java.util.Collections.disjoint(synonyms, bag)) {
        score += 8;
        break;
      }
    }
    if (c.notes() != null) {
      String notes = c.notes().toLowerCase(Locale.ROOT);
      for (String phrase : notes.split("[,;.]")) {
        String p = phrase.trim().replaceFirst("^(my|our|the)\\s+", "");
        if (p.length() >= 3 && p.split("\\s+").length <= 3 && containsPhrase(lower, p)) {
          score += 5;
          break;
        }
      }
    }
    return score;
  }

  /** The words the instruction uses for whom to call ("my dentist", "Comcast"), for questions. */
  private static String mention(String instruction, Set<String> words) {
    Matcher m = CAPITALISED.matcher(instruction);
    while (m.find()) {
      String candidate = m.group(1);
      if (!NOT_MENTIONS.contains(candidate.split("\\s+")[0]) && m.start() > 0) {
        return candidate;
      }
    }
    Matcher role = ROLE_PHRASE.matcher(instruction);
    while (role.find()) {
      if (ROLES.containsKey(role.group(1).toLowerCase(Locale.ROOT))) {
        return role.group();
      }
    }
    return null;
  }

  static Set<String> words(String lower) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(lower);
    while (m.find()) {
      out.add(stripPossessive(m.group()));
    }
    return out;
  }

  private static String stripPossessive(String s) {
    return s.endsWith("'s") ? s.substring(0, s.length() - 2) : s;
  }

  /** Whole-word containment without compiling a pattern per contact and field. */
  private static boolean containsPhrase(String text, String phrase) {
    if (phrase.isEmpty()) {
      return false;
    }
    int from = 0;
    while ((from = text.indexOf(phrase, from)) >= 0) {
      int end = from + phrase.length();
      boolean left = from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1));
      boolean right = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (left && right) {
        return true;
      }
      from++;
    }
    return false;
  }

  private static String capitalise(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
