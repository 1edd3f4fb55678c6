package dev.parley.launcher.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake model's side of a booking call: answers each request from its content as a capable chat
 * model would, so a whole call can be held through a provider's wire protocol. The planner gets a
 * plan built from the instruction and the owner's contacts in the prompt; the dialog agent gets the
 * disclosure, a request, facts recorded with {@code record_fact} as the callee gives them (the
 * confirmation code over two rounds, so the tool results are read back), and a goodbye with {@code
 * hang_up}; the analyst gets the facts read from the callee's lines of the transcript.
 */
final class BookingModel {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern SPEAKER =
      Pattern.compile(
          "You are (.+?), an AI assistant on a live phone call, calling (.+?) on behalf"
              + " of (.+?)\\. ");
  private static final Pattern NOW = Pattern.compile("(?m)^Now: (\\S+)");
  private static final Pattern CONTACT =
      Pattern.compile(
          "(?m)^- id=(.*?); name=(.*?); company=(.*?); phone=(.*?); notes=(.*?); kind=(\\w+)$");
  private static final Pattern LIMIT = Pattern.compile("\\$(\\d+(?:\\.\\d{1,2})?)");
  private static final Pattern PRICE = Pattern.compile("(\\d+(?:\\.\\d{1,2})?) dollars");
  private static final Pattern WHEN =
      Pattern.compile(
          "(?i)\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday) at (\\d{1,2})(?::(\\d{2}))?"
              + "(?: in the (morning|afternoon|evening))?");
  private static final Pattern NAME = Pattern.compile("\\bthis is (\\p{Lu}\\p{L}+)");
  private static final Pattern CODE =
      Pattern.compile("(?i)confirmation (?:number|code) is ([^.]+)");
  private static final Pattern SPELLED = Pattern.compile("(?i)^([a-z]) as in [a-z-]+$");
  private static final Pattern SEGMENT =
      Pattern.compile("(?m)^\\[(\\S+)] (agent|callee)(?: \\(cut off\\))?: (.*)$");

  /** Inbound calls, which the receptionist model holds. */
  private final ReceptionModel reception = new ReceptionModel();

  ModelAnswer answer(ModelRequest r) {
    return switch (r.kind()) {
      case PLAN -> ModelAnswer.structured(plan(r));
      case DIALOG -> ReceptionModel.answers(r) ? reception.answer(r) : dialog(r);
      case ANALYSIS -> ModelAnswer.structured(analysis(r));
    };
  }

  // ---- planner -------------------------------------------------------------------------------

  private static String plan(ModelRequest r) {
    String prompt = r.firstUserText();
    String instruction = line(prompt, "Instruction: ");
    ObjectNode p = JSON.createObjectNode();
    p.put("instruction", instruction);
    ObjectNode contact = null;
    Matcher c = CONTACT.matcher(prompt);
    while (c.find()) {
      String name = c.group(2);
      String company = c.group(3);
      if (mentions(instruction, name) || mentions(instruction, company)) {
        contact = JSON.createObjectNode();
        contact.put("id", c.group(1)).put("name", name).put("company", company);
        contact.put("phone", c.group(4)).put("notes", c.group(5)).put("kind", c.group(6));
        break;
      }
    }
    String place = contact == null ? "the business" : contact.path("name").asText();
    Matcher limit = LIMIT.matcher(instruction);
    boolean hasLimit = limit.find();
    p.put(
        "goal",
        "Book the earliest available cleaning at "
            + place
            + (hasLimit ? " for no more than $" + limit.group(1) : "")
            + ".");
    p.put("goal_kind", "book_appointment");
    p.put("topic", "dental cleaning");
    p.set("contact", contact);
    p.putArray("contact_candidates");
    p.put("target_phone", contact == null ? null : contact.path("phone").asText());
    p.putNull("time_window");
    if (hasLimit) {
      p.putObject("money_limit")
          .put("max", limit.group(1))
          .put("currency", "USD")
          .put("raw", "under $" + limit.group(1));
    } else {
      p.putNull("money_limit");
    }
    p.putNull("party_size");
    p.put("tone", "friendly");
    ArrayNode hard = p.putArray("hard_constraints");
    if (hasLimit) {
      hard.add("Price must not exceed $" + limit.group(1));
    }
    p.putArray("soft_preferences").add("The earliest appointment offered");
    p.putArray("questions").add("What is the price of the cleaning?");
    p.putArray("facts_to_share");
    p.putArray("missing");
    p.putNull("planned_at");
    return p.toString();
  }

  // ---- dialog --------------------------------------------------------------------------------

  private static ModelAnswer dialog(ModelRequest r) {
    String heard = r.lastUserText();
    Matcher who = SPEAKER.matcher(r.system());
    if (!who.find()) {
      throw new IllegalStateException("the dialog prompt does not say who is calling for whom");
    }
    String agent = who.group(1);
    String owner = who.group(3);
    Matcher code = CODE.matcher(heard);
    if (code.find()) {
      String confirmation = spelled(code.group(1));
      if (!r.endsWithToolResult()) {
        // First round: only the fact; the words come once the result is back.
        return new ModelAnswer(List.of(), List.of(fact("confirmation_code", confirmation)), null);
      }
      return new ModelAnswer(
          List.of(
              "Thank you",
              " so much! That's confirmation ",
              confirmation,
              " for " + dayAndTime(heard) + ".",
              " Have a great day, goodbye!"),
          List.of(new ModelAnswer.ToolUse("hang_up", "{\"reason\": \"completed\"}")),
          null);
    }
    Matcher price = PRICE.matcher(heard);
    Matcher when = WHEN.matcher(heard);
    if (price.find() && when.find()) {
      ZonedDateTime now = ZonedDateTime.parse(match(NOW, r.system()));
      String at = appointment(when, now).toOffsetDateTime().toString();
      return new ModelAnswer(
          List.of(
              "That works",
              " perfectly. ",
              "Please book " + when.group(1) + " at " + clock(when) + " for " + owner + "."),
          List.of(fact("appointment_time", at), fact("price", price.group(1))),
          null);
    }
    if (heard.contains("the callee picked up")) {
      return new ModelAnswer(
          List.of(
              "Hi, this is " + agent + ",",
              " an AI assistant calling on behalf of " + owner + ".",
              " I'd like to book a cleaning, the earliest appointment you have."),
          List.of(),
          null);
    }
    Matcher name = NAME.matcher(heard);
    if (name.find()) {
      List<String> reply = new ArrayList<>(List.of("Hi " + name.group(1) + "!"));
      if (!disclosed(r)) {
        // The introduction was talked over: say it again before the request.
        reply.add(" This is " + agent + ", an AI assistant calling on behalf of " + owner + ".");
      }
      reply.add(" I'm calling to book the earliest cleaning you have.");
      return new ModelAnswer(reply, List.of(fact("person_name", name.group(1))), null);
    }
    if (heard.contains("seconds of silence")) {
      return new ModelAnswer(List.of("Hello, are you still there?"), List.of(), null);
    }
    return new ModelAnswer(List.of("Sorry, could you say that again?"), List.of(), null);
  }

  /** Whether the callee heard the disclosure in an earlier reply. */
  private static boolean disclosed(ModelRequest r) {
    return r.lines().stream()
        .anyMatch(l -> l.role().equals("assistant") && l.text().contains("AI assistant"));
  }

  private static ModelAnswer.ToolUse fact(String key, String value) {
    ObjectNode args = JSON.createObjectNode().put("key", key).put("value", value);
    return new ModelAnswer.ToolUse("record_fact", args.toString());
  }

  // ---- analyst -------------------------------------------------------------------------------

  private static String analysis(ModelRequest r) {
    String prompt = r.firstUserText();
    ZoneId zone = ZoneOffset.UTC;
    try {
      JsonNode plan = JSON.readTree(line(prompt, "Plan: "));
      if (plan.hasNonNull("planned_at")) {
        zone = ZonedDateTime.parse(plan.get("planned_at").asText()).getZone();
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
      throw new IllegalStateException("the analyst's plan is not JSON", unreadable);
    }
    String reason = line(prompt, "Hang-up reason: ");
    ObjectNode a = JSON.createObjectNode();
    ArrayNode data = a.putArray("data");
    String price = null;
    String at = null;
    String confirmation = null;
    Matcher seg = SEGMENT.matcher(prompt);
    while (seg.find()) {
      if (!seg.group(2).equals("callee")) {
        continue;
      }
      String said = seg.group(3);
      ZonedDateTime spokenAt = Instant.parse(seg.group(1)).atZone(zone);
      Matcher name = NAME.matcher(said);
      if (name.find()) {
        datum(data, "contact_person", name.group(1), "string", name.group());
      }
      Matcher p = PRICE.matcher(said);
      if (p.find() && price == null) {
        price = p.group(1);
        datum(data, "price", price, "number", p.group());
      }
      Matcher w = WHEN.matcher(said);
      if (w.find() && at == null) {
        at = appointment(w, spokenAt).toOffsetDateTime().toString();
        datum(data, "appointment_time", at, "datetime", w.group());
      }
      Matcher c = CODE.matcher(said);
      if (c.find()) {
        confirmation = spelled(c.group(1));
        datum(data, "confirmation_number", confirmation, "string", c.group(1).strip());
      }
    }
    boolean achieved = confirmation != null && "completed".equals(reason);
    a.put(
        "summary",
        achieved
            ? "Booked a cleaning for "
                + at
                + " at "
                + price
                + " dollars. Confirmation number "
                + confirmation
                + "."
            : "The cleaning was not booked.");
    datum(data, "goal_achieved", String.valueOf(achieved), "boolean", achieved ? "all set" : "");
    a.put("goal_achieved", achieved);
    a.put("outcome", achieved ? "completed" : "not_achieved");
    a.put("follow_up_required", !achieved);
    if (achieved) {
      a.putNull("follow_up_instruction");
    } else {
      a.put("follow_up_instruction", "Call again and book the cleaning");
    }
    return a.toString();
  }

  private static void datum(ArrayNode data, String key, String value, String type, String raw) {
    data.addObject().put("key", key).put("value", value).put("value_type", type).put("raw", raw);
  }

  // ---- reading the callee --------------------------------------------------------------------

  /** The day named, on or after {@code from}, at the time named. */
  private static ZonedDateTime appointment(Matcher when, ZonedDateTime from) {
    DayOfWeek day = DayOfWeek.valueOf(when.group(1).toUpperCase(Locale.ROOT));
    int hour = Integer.parseInt(when.group(2));
    int minute = when.group(3) == null ? 0 : Integer.parseInt(when.group(3));
    String part = when.group(4) == null ? "" : when.group(4).toLowerCase(Locale.ROOT);
    if (hour < 12 && (part.equals("afternoon") || part.equals("evening"))) {
      hour += 12;
    }
    return from.truncatedTo(ChronoUnit.DAYS)
        .with(TemporalAdjusters.nextOrSame(day))
        .withHour(hour)
        .withMinute(minute);
  }

  private static String clock(Matcher when) {
    return when.group(2) + (when.group(3) == null ? "" : ":" + when.group(3));
  }

  private static String dayAndTime(String heard) {
    Matcher w = WHEN.matcher(heard);
    return w.find() ? w.group(1) + " at " + clock(w) : "the appointment";
  }

  /** A code read out as letters, digits and spelling words: "B as in bravo, 7, 4, X-ray, 9". */
  static String spelled(String said) {
    StringBuilder code = new StringBuilder();
    for (String part : said.split(",")) {
      String t = part.strip();
      Matcher letter = SPELLED.matcher(t);
      if (letter.matches()) {
        code.append(letter.group(1).toUpperCase(Locale.ROOT));
      } else if (t.matches("\\d+") || t.matches("[A-Za-z]")) {
        code.append(t.toUpperCase(Locale.ROOT));
      } else if (SPELLING.containsKey(t.toLowerCase(Locale.ROOT))) {
        code.append(SPELLING.get(t.toLowerCase(Locale.ROOT)));
      } else {
        break;
      }
    }
    return code.toString();
  }

  private static final Map<String, String> SPELLING = spellingAlphabet();

  private static Map<String, String> spellingAlphabet() {
    String[] words = {
      "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
      "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
      "uniform", "victor", "whiskey", "x-ray", "yankee", "zulu"
    };
    Map<String, String> m = new java.util.HashMap<>();
    for (String w : words) {
      m.put(w, w.substring(0, 1).toUpperCase(Locale.ROOT));
    }
    m.put("juliet", "J");
    m.put("xray", "X");
    return Map.copyOf(m);
  }

  private static String line(String text, String prefix) {
    for (String l : text.split("\n")) {
      if (l.startsWith(prefix)) {
        return l.substring(prefix.length()).strip();
      }
    }
    throw new IllegalStateException("the prompt has no line starting '" + prefix + "'");
  }

  private static String match(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("the prompt does not match " + p);
    }
    return m.group(1);
  }

  private static boolean mentions(String instruction, String name) {
    return name != null
        && !name.isBlank()
        && !name.equals("null")
        && instruction.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
  }
}
