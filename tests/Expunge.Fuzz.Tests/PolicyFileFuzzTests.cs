using System.Text.Json.Nodes;
using CsCheck;
using Expunge.EligibilityRules;

namespace Expunge.Fuzz.Tests;

/// <summary>
/// Policy files are written by hand in a county office and PUT to eligibility: whatever the file holds, the reader
/// answers with a policy or a <see cref="PolicyException"/> naming what is wrong, never another exception (which the
/// API would turn into a 500 and the CLI into a stack trace).
/// </summary>
public sealed class PolicyFileFuzzTests
{
    private static readonly string[] Keys =
    [
        "policy", "version", "county", "asOf", "ageThreshold", "convictionFreeYears", "dismiss", "reduce", "additionalRelief",
        "under21AtConviction", "yearsSinceConviction", "yearsCrimeFree", "onlyProp64Charges", "deceased", "unknownKey",
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (3, Gen.OneOf("la-2020", "configurable", "statute", "2020-07-01", "0000-00-00", "9999-12-31", "11357(a)", "11357", "11359(b)", "HS 11360", "LOS ANGELES", "")
            .Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Hostile.Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Int[-5, 100].Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.OneOf(long.MaxValue, long.MinValue, int.MaxValue + 1L).Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.OneOf(0.5, 1e308, -1e-308, 50.0000001).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const((JsonNode?)null)));

    private static readonly Gen<JsonNode?> Value = Gen.Frequency(
        (6, Scalar),
        (2, Scalar.Array[0, 4].Select(a => (JsonNode?)new JsonArray([.. a]))),
        (1, Gen.Select(Gen.OneOf(Keys).Array[0, 4], Scalar.Array[4], (keys, values) =>
        {
            var o = new JsonObject();
            for (var i = 0; i < keys.Length; i++) o[keys[i]] = values[i]?.DeepClone();
            return (JsonNode?)o;
        })));

    /// <summary>A policy file: mostly object-shaped with known keys and random values, sometimes not JSON at all.</summary>
    private static readonly Gen<string> Files = Gen.Frequency(
        (8, Gen.Select(Gen.OneOf("la-2020", "configurable", "statute"), Gen.OneOf(Keys).Array[0, 8], Value.Array[8], (name, keys, values) =>
        {
            var o = new JsonObject { ["policy"] = name, ["asOf"] = "2020-07-01" };
            for (var i = 0; i < keys.Length; i++) o[keys[i]] = values[i]?.DeepClone();
            return o.ToJsonString();
        })),
        (1, Hostile.Text),
        (1, Value.Select(v => v?.ToJsonString() ?? "null")));

    [Fact]
    public void Any_policy_file_is_read_as_a_policy_or_refused_with_the_key_at_fault()
    {
        // The county may come from the file or from the PUT's path (/api/v1/policies/{county}), which wins.
        var counties = Gen.Frequency((2, Gen.Const((string?)null)), (1, Hostile.Text.Select(c => (string?)c)));
        Gen.Select(Files, counties).Sample((json, county) =>
        {
            try
            {
                var policy = PolicyFile.Parse(json, countyOverride: county);
                Assert.False(string.IsNullOrWhiteSpace(policy.County));
            }
            catch (PolicyException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }, time: Fuzzing.Seconds, threads: 1);
    }
}
