namespace Expunge.EligibilityRules.Tests;

public sealed class PolicyFileTests
{
    [Fact]
    public void La2020_defaults_age_50_ten_years_and_Los_Angeles()
    {
        var policy = Assert.IsType<La2020Policy>(PolicyFile.Parse("""{ "policy": "la-2020", "asOf": "2020-07-01" }"""));

        Assert.Equal((50, 10, "LOS ANGELES", new DateOnly(2020, 7, 1), 1), (policy.AgeThreshold, policy.ConvictionFreeYears, policy.County, policy.AsOf, policy.Version));
    }

    [Fact]
    public void The_interface_examples_parse()
    {
        Assert.IsType<ConfigurablePolicy>(PolicyFile.Parse("""
            { "policy": "configurable", "county": "SACRAMENTO", "asOf": "2020-07-01",
              "dismiss": ["11357", "11358"], "reduce": ["11359", "11360"],
              "additionalRelief": { "under21AtConviction": true, "ageThreshold": 57, "yearsSinceConviction": 10,
                                    "yearsCrimeFree": 0, "onlyProp64Charges": true, "deceased": true } }
            """));
        Assert.IsType<StatutePolicy>(PolicyFile.Parse("""{ "policy": "statute", "county": "ALAMEDA", "asOf": "2020-07-01" }"""));
    }

    [Fact]
    public void County_and_as_of_can_be_overridden()
    {
        var policy = PolicyFile.Parse("""{ "policy": "la-2020", "asOf": "2020-07-01" }""", "kern", new DateOnly(2021, 1, 1));

        Assert.Equal(("KERN", new DateOnly(2021, 1, 1)), (policy.County, policy.AsOf));
    }

    [Theory]
    [InlineData("""{ "policy": "la-2020", "asOf": "2020-07-01", "ageTreshold": 50 }""", "ageTreshold", "unknown key 'ageTreshold'")]
    [InlineData("""{ "policy": "la-2020", "asOf": "2020-07-01", "AgeThreshold": 50 }""", "AgeThreshold", "unknown key 'AgeThreshold'")]
    [InlineData("""{ "policy": "la-2020", "asOf": "2020-07-01", "ageThreshold": 39 }""", "ageThreshold", "between 40 and 65 (got 39)")]
    [InlineData("""{ "policy": "la-2020", "asOf": "2020-07-01", "ageThreshold": "50" }""", "ageThreshold", "must be a whole number")]
    [InlineData("""{ "policy": "la-2020", "asOf": "2020-07-01", "convictionFreeYears": 16 }""", "convictionFreeYears", "between 1 and 15 (got 16)")]
    [InlineData("""{ "policy": "la-2020", "asOf": "07/01/2020" }""", "asOf", "YYYY-MM-DD")]
    [InlineData("""{ "policy": "la-2020" }""", "asOf", "asOf is required")]
    [InlineData("""{ "policy": "la-2021", "asOf": "2020-07-01" }""", "policy", "one of la-2020, configurable, statute")]
    [InlineData("""{ "asOf": "2020-07-01" }""", "policy", "policy is required")]
    [InlineData("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "dismiss": ["11361"] }""", "dismiss", "'11361', which is not a section key")]
    [InlineData("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "dismiss": ["11357"], "reduce": ["11357"] }""", "dismiss", "dismiss has '11357' and reduce has '11357'")]
    [InlineData("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "dismiss": ["11357"], "reduce": ["11357(a)"] }""", "dismiss", "dismiss has '11357' and reduce has '11357(a)'")]
    [InlineData("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "additionalRelief": { "ageThreshold": 30 } }""", "ageThreshold", "0 (off) or between 40 and 65")]
    [InlineData("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "additionalRelief": { "yearsCrimeFree": 16 } }""", "yearsCrimeFree", "between 1 and 15")]
    [InlineData("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "additionalRelief": { "deceased": "yes" } }""", "deceased", "true or false")]
    [InlineData("""{ "policy": "configurable", "asOf": "2020-07-01" }""", "county", "county is required")]
    [InlineData("""not json""", "", "not valid JSON")]
    public void An_invalid_policy_names_the_key(string json, string key, string message)
    {
        var error = Assert.Throws<PolicyException>(() => PolicyFile.Parse(json));

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Additional_relief_may_be_omitted() =>
        Assert.Equal(AdditionalRelief.None, Assert.IsType<ConfigurablePolicy>(PolicyFile.Parse("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "dismiss": ["11357(a)"], "reduce": ["11357(b)"] }""")).Relief);
}
