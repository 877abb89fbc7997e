package fr.inserm.aipolicy.tools;

import java.util.Objects;

/**
 * The estimated environmental footprint of one model for one task, as given by recommendation 2
 * (EcoLogits estimates, to be interpreted with caution).
 *
 * @param model the model, for example {@code ChatGPT 5}
 * @param energyMilliwattHours electricity used, in mWh
 * @param co2MilligramsEq global warming effect, in mg CO2-equivalent
 * @param waterMillilitres water used, in mL
 */
public record ModelFootprint(String model, double energyMilliwattHours, double co2MilligramsEq,
        double waterMillilitres) {

    /** Checks the model name. */
    public ModelFootprint {
        Objects.requireNonNull(model, "model");
    }
}
