namespace Expunge.Linkage;

/// <summary>
/// The model a fresh system links with before it has data to learn from: m and u per level set from what is known of
/// court and DOJ records (names agree exactly for most true pairs and for about one random pair in a hundred; a date of
/// birth agrees for one random pair in ten thousand). The matching service replaces it with one trained on its own
/// records (EM) once a run has been linked.
/// </summary>
public static class DefaultModel
{
    public static FellegiSunterModel For(int population) => new()
    {
        M =
        [
            // Names and dates of true pairs disagree completely only through aliases and errors (about one in a hundred).
            [0.87, 0.09, 0.03, 0.01], // given name: exact, nickname or close, similar, different
            [0.89, 0.07, 0.03, 0.01], // surname
            [0.86, 0.07, 0.01, 0.0095, 0.0005, 0.05], // date of birth: exact, transposed or one digit, two digits, different, a generation apart, agreeing as far as a partial date says
            [0.97, 0.02, 0.01], // CII
            [0.97, 0.02, 0.01], // national id
            [0.98, 0.02], // sex
            [0.95, 0.05], // driver licence
            [0.80, 0.20], // street number
            [0.70, 0.10, 0.20], // street
            [0.75, 0.10, 0.15], // locality
            [0.75, 0.10, 0.15], // postcode
            [0.90, 0.10], // state
            [0.25, 0.05, 0.70], // court case: shared, shared without a suffix on one side, none shared (a person's records are mostly of different cases)
            [0.40, 0.60], // a dated charge: shared, none shared
        ],
        U =
        [
            [0.01, 0.01, 0.05, 0.93],
            [0.002, 0.003, 0.02, 0.975],
            [0.0001, 0.0005, 0.002, 0.35, 0.6464, 0.001],
            [0.000001, 0.00001, 0.999989],
            [0.000001, 0.00001, 0.999989],
            [0.5, 0.5],
            [0.00001, 0.99999],
            [0.02, 0.98],
            [0.001, 0.004, 0.995],
            [0.01, 0.01, 0.98],
            [0.01, 0.02, 0.97],
            [0.3, 0.7],
            [0.00001, 0.00002, 0.99997],
            [0.0002, 0.9998],
        ],
        // About one other record of the same person among the people known.
        Prior = 1.0 / Math.Max(population, 100_000),
        GivenNameFrequency = [],
        SurnameFrequency = [],
        RecordCount = population,
    };
}
