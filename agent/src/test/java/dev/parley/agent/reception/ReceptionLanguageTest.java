package dev.parley.agent.reception;

import static org.assertj.core.api.Assertions.assertThat;

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
}
