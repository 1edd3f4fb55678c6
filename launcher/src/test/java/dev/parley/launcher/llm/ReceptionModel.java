package dev.parley.launcher.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake model's side of an inbound receptionist call: answers each request from its content as a
 * capable chat model would with the service desk's tools. It looks open times up with {@code
 * find_open_slots} (the day after a "Thursday", the afternoon after an "afternoon"), offers the
 * earliest from the tool's result, books the offered time with {@code book} once the caller says
 * yes, reads the code back from the result, and ends with {@code end_call}. Everything it knows
 * comes from the request: the system prompt (now, the customer on file, what the desk returned
 * earlier) and the conversation.
 */
final class ReceptionModel {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Afternoons the model looks through for a caller who asked for one, a search each: three, as the
   * receptionist allows a turn four rounds with the model and the last must answer the caller.
   */
  private static final int AFTERNOON_DAYS = 3;

  private static final Pattern NOW = Pattern.compile("(?m)^Now: .*\\((\\S+)\\)$");
  private static final Pattern CUSTOMER = Pattern.compile("(?m)^Customer on file: (.+)$");
  private static final Pattern VEHICLE = Pattern.compile("(?m)^- vehicle id (\\S+): (.+)$");
  private static final Pattern INTRODUCED =
      Pattern.compile("(?i)this is (\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+), it's an? ([^.]+)");
  private static final Pattern SLOT =
      Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d) \\(([^)]+)\\)");
  private static final Pattern BOOKED =
      Pattern.compile(
          "Booked (.+?) on (.+?) \\(.*Confirmation code (\\S+): read it letter by letter, ([A-Z0-9"
              + " ]+)\\.");

  static boolean answers(ModelRequest r) {
    return r.kind() == ModelRequest.Kind.DIALOG
        && r.system().contains("the AI assistant answering the phone for");
  }

  ModelAnswer answer(ModelRequest r) {
    if (r.endsWithToolResult()) {
      return afterTool(r);
    }
    String heard = r.lastUserText().toLowerCase(Locale.ROOT);
    String service = service(r);
    LocalDateTime now = LocalDateTime.parse(group(NOW, r.system()));
    if (heard.contains("bye") || heard.contains("that's all")) {
      boolean booked = r.system().contains("- booked ");
      return new ModelAnswer(
          List.of("Thanks for calling", " Bright Gear. Have a great day. Goodbye!"),
          List.of(tool("end_call", "reason", booked ? "completed" : "caller_done")),
          null);
    }
    if (heard.startsWith("yes")) {
      String offered = offeredInLastReply(r);
      ObjectNode args = JSON.createObjectNode();
      args.put("service", service).put("start", offered);
      String[] who = customer(r);
      args.put("customer_name", who[0]);
      if (who[1] != null) {
        args.put("vehicle_id", who[1]).putNull("vehicle_description");
      } else {
        args.putNull("vehicle_id").put("vehicle_description", who[2]);
      }
      return new ModelAnswer(
          List.of(), List.of(new ModelAnswer.ToolUse("book", args.toString())), null);
    }
    if (service == null) {
      return new ModelAnswer(List.of("How can I help you today?"), List.of(), null);
    }
    if (customer(r) == null) {
      return new ModelAnswer(
          List.of("Sure. Can I have your name,", " and the year, make and model of the car?"),
          List.of(),
          null);
    }
    if (heard.contains("afternoon")) {
      return afternoonOf(service, r, 0);
    }
    if (heard.contains("thursday")) {
      LocalDate thursday =
          now.toLocalDate().plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
      return find(service, thursday.atStartOfDay(), thursday.plusDays(1).atStartOfDay(), 3);
    }
    return find(service, now, now.plusDays(7), 3);
  }

  private ModelAnswer afterTool(ModelRequest r) {
    List<ModelRequest.Line> lines = r.lines();
    String result = lines.get(lines.size() - 1).text();
    List<String> called = lines.get(lines.size() - 2).tools();
    if (called.contains("book") && result.startsWith("Booked")) {
      Matcher b = BOOKED.matcher(result);
      if (!b.find()) {
        throw new IllegalStateException("unexpected book result: " + result);
      }
      return new ModelAnswer(
          List.of(
              "You're all set: your " + b.group(1) + " is on " + b.group(2) + ".",
              " Your confirmation code is " + b.group(4) + ".",
              " Is there anything else I can help you with?"),
          List.of(),
          null);
    }
    // Open times (or a refused booking with the next ones): offer the earliest that suits.
    boolean afternoon = r.lastUserText().toLowerCase(Locale.ROOT).contains("afternoon");
    String before = lastAssistantText(r);
    Matcher m = SLOT.matcher(result);
    while (m.find()) {
      int hour = Integer.parseInt(m.group(1).substring(11, 13));
      if (afternoon && (hour < 12 || hour > 16 || before.contains(m.group(2)))) {
        continue;
      }
      return new ModelAnswer(
          List.of("The earliest I have is ", m.group(2), ". Does that work for you?"),
          List.of(),
          null);
    }
    int searched = searchesSinceTheCaller(r);
    if (afternoon && searched < AFTERNOON_DAYS) {
      // Nothing new that afternoon (the desk's first six may all be taken by the time on offer):
      // the next day's afternoon, as a model does when one search comes back short.
      return afternoonOf(service(r), r, searched);
    }
    return new ModelAnswer(
        List.of("I'm sorry, I have nothing then. Would another day work?"), List.of(), null);
  }

  /**
   * Searches the afternoon (12-5 PM) {@code days} after the day of the first time offered: a search
   * by the part of the day, as the tool's six-result cap needs (a whole week from noon came back as
   * this afternoon's last slot and next mornings, so the outcome hung on the clock).
   */
  private static ModelAnswer afternoonOf(String service, ModelRequest r, int days) {
    LocalDate day = LocalDate.parse(firstOffered(r).substring(0, 10)).plusDays(days);
    return find(service, day.atTime(12, 0), day.atTime(17, 0), 6);
  }

  /** The model's {@code find_open_slots} calls since the caller last spoke. */
  private static int searchesSinceTheCaller(ModelRequest r) {
    int searches = 0;
    List<ModelRequest.Line> lines = r.lines();
    for (int i = lines.size() - 1; i >= 0 && !lines.get(i).role().equals("user"); i--) {
      if (lines.get(i).role().equals("assistant")
          && lines.get(i).tools().contains("find_open_slots")) {
        searches++;
      }
    }
    return searches;
  }

  private static ModelAnswer find(String service, LocalDateTime from, LocalDateTime to, int max) {
    ObjectNode args = JSON.createObjectNode();
    args.put("service", service).put("from", from.toString()).put("to", to.toString());
    args.put("max", max);
    return new ModelAnswer(
        List.of(), List.of(new ModelAnswer.ToolUse("find_open_slots", args.toString())), null);
  }

  /** The caller's name, vehicle id on file (or null) and vehicle as described; null if unknown. */
  private static String[] customer(ModelRequest r) {
    Matcher c = CUSTOMER.matcher(r.system());
    if (c.find()) {
      Matcher v = VEHICLE.matcher(r.system());
      return new String[] {c.group(1), v.find() ? v.group(1) : null, null};
    }
    for (ModelRequest.Line l : r.lines()) {
      Matcher i = INTRODUCED.matcher(l.text());
      if (l.role().equals("user") && i.find()) {
        return new String[] {i.group(1), null, i.group(2)};
      }
    }
    return null;
  }

  private static String service(ModelRequest r) {
    for (ModelRequest.Line l : r.lines()) {
      String t = l.text().toLowerCase(Locale.ROOT);
      if (l.role().equals("user") && t.contains("oil")) {
        return "oil_change";
      }
      if (l.role().equals("user") && t.contains("brake")) {
        return "brake_inspection";
      }
    }
    return null;
  }

  /** The desk's time (local ISO) whose spoken form the last reply offered. */
  private static String offeredInLastReply(ModelRequest r) {
    String said = lastAssistantText(r);
    Matcher m = Pattern.compile("open times the desk returned: (.+)").matcher(r.system());
    if (!m.find()) {
      throw new IllegalStateException("nothing was offered: " + r.system());
    }
    for (String iso : m.group(1).split(", ")) {
      String spoken =
          java.time.format.DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.US)
              .format(LocalDateTime.parse(iso.trim()));
      if (said.contains(spoken)) {
        return iso.trim();
      }
    }
    throw new IllegalStateException("the last reply offered none of " + m.group(1) + ": " + said);
  }

  private static String firstOffered(ModelRequest r) {
    Matcher m = Pattern.compile("open times the desk returned: (\\S+?)(?:,|$)").matcher(r.system());
    if (!m.find()) {
      throw new IllegalStateException("nothing was offered yet");
    }
    return m.group(1);
  }

  private static String lastAssistantText(ModelRequest r) {
    List<ModelRequest.Line> lines = new ArrayList<>(r.lines());
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).role().equals("assistant") && !lines.get(i).text().isEmpty()) {
        return lines.get(i).text();
      }
    }
    return "";
  }

  private static ModelAnswer.ToolUse tool(String name, String key, String value) {
    return new ModelAnswer.ToolUse(name, JSON.createObjectNode().put(key, value).toString());
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(p + " not in " + text);
    }
    return m.group(1);
  }
}
