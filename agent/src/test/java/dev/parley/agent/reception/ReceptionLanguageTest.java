package dev.parley.agent.reception;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.reception.ReceptionLanguage.Want;
import org.junit.jupiter.api.Test;

/** How the rules read a caller's words. */
class ReceptionLanguageTest {

  private final ReceptionLanguage language = new ReceptionLanguage();

  @Test
  void aDescribedVehicleEndsWhereTheCallerGoesOnToSayWhatItNeeds() {
    assertThat(language.describedVehicle("My 2015 Ford Focus needs its brakes done."))
        .isEqualTo("2015 Ford Focus");
    assertThat(language.describedVehicle("It's a 2019 Camry that is making a noise."))
        .isEqualTo("2019 Camry");
    assertThat(language.describedVehicle("The 2012 Honda won't start.")).isEqualTo("2012 Honda");
    assertThat(language.describedVehicle("a 2018 Civic for an oil change")).isEqualTo("2018 Civic");
    // Three words of make and model, with a digit or a hyphen, are still read whole.
    assertThat(language.describedVehicle("It's a 2018 Ford F-150 Raptor."))
        .isEqualTo("2018 Ford F-150 Raptor");
    assertThat(language.describedVehicle("This is Sam Ortiz, it's a 2015 Ford Focus."))
        .isEqualTo("2015 Ford Focus");
    // A year followed by no name is not a vehicle.
    assertThat(language.describedVehicle("Since 2015 the brakes have been fine.")).isNull();
    assertThat(language.describedVehicle("I need an oil change.")).isNull();
  }

  @Test
  void whatTheCarNeedsIsABookingInAnyTenseOfNeed() {
    for (String s :
        new String[] {
          "I need an oil change.",
          "My 2015 Ford Focus needs its brakes done.",
          "The Camry needs to be looked at.",
          "It needed new brake pads last year and they squeak again.",
          "My car could use an oil change.",
        }) {
      assertThat(language.want(s)).as(s).isEqualTo(Want.BOOK);
    }
    // Words that only contain "need" are not it.
    assertThat(language.want("Needless to say, hello.")).isEqualTo(Want.UNKNOWN);
  }

  @Test
  void aQuestionAboutCancellingIsNotARequestToCancel() {
    for (String s :
        new String[] {
          "How much does it cost to cancel?",
          "Is there a fee if I cancel?",
          "Do you charge for cancelling?",
          "What's your cancellation policy?",
          "What happens if I cancel?",
          "Can I cancel later if I need to?",
        }) {
      assertThat(language.want(s)).as(s).isEqualTo(Want.CANCEL_QUESTION);
    }
    for (String s :
        new String[] {
          "I need to cancel my appointment.",
          "Cancel my oil change, please.",
          "Can I cancel my appointment?",
        }) {
      assertThat(language.want(s)).as(s).isEqualTo(Want.CANCEL);
    }
  }
}
