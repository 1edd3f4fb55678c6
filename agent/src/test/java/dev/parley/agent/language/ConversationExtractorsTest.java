package dev.parley.agent.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Confirmation codes, names, intents, opt-outs, phone numbers, menus and call signals. */
class ConversationExtractorsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Your confirmation number is B as in bravo, 7, 4, X-ray, 9.      | B74X9",
        "Confirmation code: alpha seven two delta five                    | A72D5",
        "the reference is C-X-4-4-1                                       | CX441",
        "Your booking reference is QX7P2. Anything else?                  | QX7P2",
        "confirmation number is 4 4 7 1 9. Anything else I can help with? | 44719",
        "Your confirmation number is double seven three nine              | 7739",
        "your code is K as in kilo, 3, 3, Z as in zebra                   | K33Z",
        "OK so the confirmation number will be R, 2, D, 2.                | R2D2",
        "I wrote it down as ZK42B for you                                 | ZK42B",
        "Reservation number is seven oh four one                          | 7041",
      })
  void readsConfirmationCodes(String text, String code) {
    assertThat(new ConfirmationCodeExtractor().first(text))
        .as(text)
        .isNotNull()
        .extracting(ConfirmationCode::code)
        .isEqualTo(code);
  }

  @Test
  void confirmationCodeKeepsRawFragment() {
    ConfirmationCode c =
        new ConfirmationCodeExtractor()
            .first("Great, your confirmation number is B as in bravo, 7, 4, X-ray, 9. See you!");
    assertThat(c.raw()).isEqualTo("B as in bravo, 7, 4, X-ray, 9");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "See you at 10:30 on Thursday",
        "Call us at 212-736-5000",
        "in order to book you in I need your name",
      })
  void noCodeWhereThereIsNone(String text) {
    assertThat(new ConfirmationCodeExtractor().extract(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Hi, this is Maria.                                                            | Maria | -",
        "my name is Dr. Chen                                                           | Chen  | Dr.",
        "you're speaking with Tom                                                      | Tom   | -",
        "Thank you for calling Bright Smile Dental, this is Maria, how can I help you? | Maria | -",
        "Jessica speaking, how can I help?                                             | Jessica | -",
        "This is Maria from Bright Smile Dental                                        | Maria | -",
        "It's Tom Baker here                                                           | Tom Baker | -",
        "I'm Doctor Patel, the on-call vet                                             | Patel | Dr.",
      })
  void findsPeople(String text, String name, String title) {
    List<PersonName> people = new NameExtractor().people(text);
    assertThat(people).as(text).isNotEmpty();
    assertThat(people.get(0).name()).isEqualTo(name);
    assertThat(people.get(0).title()).isEqualTo(title);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I'm sorry, we're closed",
        "This is Bright Smile Dental",
        "this is about your appointment",
        "It's fine",
      })
  void noPersonWhereThereIsNone(String text) {
    assertThat(new NameExtractor().people(text)).as(text).isEmpty();
  }

  @Test
  void findsBusinessInGreeting() {
    NameExtractor names = new NameExtractor();
    assertThat(names.businesses("Thank you for calling Bright Smile Dental, this is Maria"))
        .containsExactly("Bright Smile Dental");
    assertThat(names.businesses("You've reached Luigi's Trattoria."))
        .containsExactly("Luigi's Trattoria");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sure                                  | AFFIRM",
        "Yeah that works                       | AFFIRM",
        "yes please                            | AFFIRM",
        "Absolutely.                           | AFFIRM",
        "That sounds good to me                | AFFIRM",
        "no problem at all                     | AFFIRM",
        "mm-hmm                                | AFFIRM",
        "Yes, we have Thursday at 10:30        | AFFIRM",
        "No, sorry.                            | DECLINE",
        "that doesn't work for me              | DECLINE",
        "Nope                                  | DECLINE",
        "I'm afraid not                        | DECLINE",
        "no thank you                          | DECLINE",
        "we're fully booked                    | UNAVAILABLE",
        "Sorry, we are completely booked up    | UNAVAILABLE",
        "We don't have anything this week      | UNAVAILABLE",
        "there's no availability on Friday     | UNAVAILABLE",
        "We don't offer that service           | UNAVAILABLE",
        "hold on let me check                  | HOLD",
        "One moment please                     | HOLD",
        "I'm not sure                          | UNSURE",
        "maybe                                 | UNSURE",
        "The weather is lovely                 | NONE",
      })
  void classifiesIntents(String text, Intent intent) {
    assertThat(new IntentClassifier().classify(text).intent()).as(text).isEqualTo(intent);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Stop calling me!                                  | Stop calling",
        "please put me on your do not call list            | do not call list",
        "Remove my number from your list                   | Remove my number from your list",
        "don't call this number again                      | don't call this number again",
        "Take me off your calling list                     | Take me off your calling list",
        "I told you people never call me again             | never call me again",
        "Quit calling here                                 | Quit calling",
        "I want to opt out                                 | opt out",
      })
  void detectsOptOut(String text, String raw) {
    assertThat(new OptOutDetector().detect(text)).as(text).contains(raw);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "call me back tomorrow",
        "can you call the office instead",
        "please don't hang up",
        "I'll stop by later",
      })
  void noOptOutInOrdinaryTalk(String text) {
    assertThat(new OptOutDetector().detect(text)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "call them at (212) 736-5000 please        | +12127365000 | US",
        "their number is 212.736.5000              | +12127365000 | US",
        "2127365000                                | +12127365000 | US",
        "+1 415 555 2671                           | +14155552671 | US",
        "the London office: +44 20 7946 0958       | +442079460958 | GB",
        "Berlin: +49 30 901820                     | +4930901820  | DE",
        "two one two, seven three six, five zero zero zero | +12127365000 | US",
      })
  void findsPhoneNumbers(String text, String e164, String region) {
    List<PhoneMention> found = new PhoneNumberExtractor("US").extract(text);
    assertThat(found).as(text).isNotEmpty();
    assertThat(found.get(0).e164()).isEqualTo(e164);
    assertThat(found.get(0).regionCode()).isEqualTo(region);
  }

  @Test
  void readsIvrMenusInBothOrders() {
    IvrMenuParser parser = new IvrMenuParser();
    List<MenuOption> menu =
        parser.parse(
            "Thank you for calling. For appointments, press 1. For billing, press 2. "
                + "To speak to a representative, press 0.");
    assertThat(menu).extracting(MenuOption::digits).containsExactly("1", "2", "0");
    assertThat(menu)
        .extracting(MenuOption::label)
        .containsExactly("appointments", "billing", "speak to a representative");

    List<MenuOption> keyFirst =
        parser.parse("Press two for cancellations, press three to check your account balance.");
    assertThat(keyFirst).extracting(MenuOption::digits).containsExactly("2", "3");
    assertThat(keyFirst.get(1).label()).isEqualTo("check your account balance");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Hi, you've reached Sam. Please leave a message after the tone. | VOICEMAIL_GREETING",
        "The person you are calling is not available to take your call  | VOICEMAIL_GREETING",
        "For appointments press 1                                        | IVR_MENU",
        "Sorry, you have the wrong number                                | WRONG_NUMBER",
        "There's no one here by that name                                | WRONG_NUMBER",
        "Wait, are you a robot?                                          | ASKED_IF_AI",
        "Who is this?                                                    | ASKED_WHO_OR_WHY",
        "Sorry, can you repeat that?                                     | ASKED_TO_REPEAT",
        "OK, have a good day!                                            | GOODBYE",
        "Let me transfer you to billing                                  | TRANSFERRING",
      })
  void detectsCallSignals(String text, CallSignal signal) {
    assertThat(new CallSignalDetector().detect(text)).as(text).contains(signal);
  }
}
