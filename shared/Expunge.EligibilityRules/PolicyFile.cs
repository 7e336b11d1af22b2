using System.Globalization;
using System.Text.Json;

namespace Expunge.EligibilityRules;

/// <summary>
/// Reads a policy file (interfaces.md, "Policy file"). Keys are case-sensitive camelCase; an unknown key, a wrong
/// type or an out-of-range value is a <see cref="PolicyException"/> whose message names the key.
/// </summary>
public static class PolicyFile
{
    public static Policy Parse(string json, string? countyOverride = null, DateOnly? asOfOverride = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new PolicyException("", $"the policy is not valid JSON ({ex.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new PolicyException("", "the policy must be a JSON object");
            var name = RequiredString(root, "policy");
            var version = OptionalInt(root, "version") ?? 1;
            if (version < 1) throw new PolicyException("version", $"version must be 1 or more (got {version})");
            var asOf = asOfOverride ?? (root.TryGetProperty("asOf", out _) ? Date(root, "asOf")
                : throw new PolicyException("asOf", "asOf is required (the date every age, years and sentence test is measured on), or give --as-of"));
            var county = countyOverride ?? OptionalString(root, "county");
            return name switch
            {
                La2020Policy.PolicyName => La2020(root, version, county, asOf),
                ConfigurablePolicy.PolicyName => Configurable(root, version, county, asOf),
                StatutePolicy.PolicyName => Statute(root, version, county, asOf),
                _ => throw new PolicyException("policy", $"policy must be one of la-2020, configurable, statute (got '{name}')"),
            };
        }
    }

    private static La2020Policy La2020(JsonElement root, int version, string? county, DateOnly asOf)
    {
        OnlyKeys(root, "policy", "version", "county", "asOf", "ageThreshold", "convictionFreeYears");
        var age = OptionalInt(root, "ageThreshold") ?? 50;
        if (age is < 40 or > 65) throw new PolicyException("ageThreshold", $"ageThreshold must be between 40 and 65 (got {age})");
        var years = OptionalInt(root, "convictionFreeYears") ?? 10;
        if (years is < 1 or > 15) throw new PolicyException("convictionFreeYears", $"convictionFreeYears must be between 1 and 15 (got {years})");
        return new La2020Policy(version, CountyName(county ?? "LOS ANGELES"), asOf, age, years);
    }

    private static ConfigurablePolicy Configurable(JsonElement root, int version, string? county, DateOnly asOf)
    {
        OnlyKeys(root, "policy", "version", "county", "asOf", "dismiss", "reduce", "additionalRelief");
        var dismiss = SectionList(root, "dismiss");
        var reduce = SectionList(root, "reduce");
        foreach (var d in dismiss)
        {
            foreach (var r in reduce)
            {
                if (d == r || (d == "11357" && r.StartsWith("11357(", StringComparison.Ordinal)) || (r == "11357" && d.StartsWith("11357(", StringComparison.Ordinal)))
                {
                    throw new PolicyException("dismiss", $"a conviction may match only one list: dismiss has '{d}' and reduce has '{r}'");
                }
            }
        }
        var relief = AdditionalRelief.None;
        if (root.TryGetProperty("additionalRelief", out var extra))
        {
            if (extra.ValueKind != JsonValueKind.Object) throw new PolicyException("additionalRelief", "additionalRelief must be an object");
            OnlyKeys(extra, "under21AtConviction", "ageThreshold", "yearsSinceConviction", "yearsCrimeFree", "onlyProp64Charges", "deceased");
            var age = OptionalInt(extra, "ageThreshold") ?? 0;
            if (age != 0 && age is < 40 or > 65) throw new PolicyException("ageThreshold", $"additionalRelief.ageThreshold must be 0 (off) or between 40 and 65 (got {age})");
            var since = OptionalInt(extra, "yearsSinceConviction") ?? 0;
            if (since is < 0 or > 15) throw new PolicyException("yearsSinceConviction", $"additionalRelief.yearsSinceConviction must be 0 (off) or between 1 and 15 (got {since})");
            var crimeFree = OptionalInt(extra, "yearsCrimeFree") ?? 0;
            if (crimeFree is < 0 or > 15) throw new PolicyException("yearsCrimeFree", $"additionalRelief.yearsCrimeFree must be 0 (off) or between 1 and 15 (got {crimeFree})");
            relief = new AdditionalRelief(OptionalBool(extra, "under21AtConviction"), age, since, crimeFree,
                OptionalBool(extra, "onlyProp64Charges"), OptionalBool(extra, "deceased"));
        }
        return new ConfigurablePolicy(version, CountyName(county ?? throw new PolicyException("county", "county is required for the configurable policy (or give --county)")),
            asOf, dismiss, reduce, relief);
    }

    private static StatutePolicy Statute(JsonElement root, int version, string? county, DateOnly asOf)
    {
        OnlyKeys(root, "policy", "version", "county", "asOf");
        return new StatutePolicy(version, CountyName(county ?? throw new PolicyException("county", "county is required for the statute policy (or give --county)")), asOf);
    }

    private static string CountyName(string county) =>
        county.Trim().Length > 0 ? county.Trim().ToUpperInvariant() : throw new PolicyException("county", "county must not be blank");

    private static void OnlyKeys(JsonElement element, params string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw new PolicyException(property.Name, $"unknown key '{property.Name}' (keys are case-sensitive; allowed here: {string.Join(", ", allowed)})");
            }
        }
    }

    private static List<string> SectionList(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var list)) return [];
        if (list.ValueKind != JsonValueKind.Array) throw new PolicyException(key, $"{key} must be a list of section keys such as \"11357\" or \"11357(a)\"");
        var keys = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            var value = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new PolicyException(key, $"{key} must hold strings (got {item.ValueKind})");
            if (!ConfigurablePolicy.SectionKeys.Contains(value))
            {
                throw new PolicyException(key, $"{key} has '{value}', which is not a section key (allowed: {string.Join(", ", ConfigurablePolicy.SectionKeys)})");
            }
            if (!keys.Contains(value)) keys.Add(value);
        }
        return keys;
    }

    private static string RequiredString(JsonElement root, string key) =>
        OptionalString(root, key) ?? throw new PolicyException(key, $"{key} is required");

    private static string? OptionalString(JsonElement root, string key) =>
        !root.TryGetProperty(key, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw new PolicyException(key, $"{key} must be a string");

    private static int? OptionalInt(JsonElement root, string key) =>
        !root.TryGetProperty(key, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : throw new PolicyException(key, $"{key} must be a whole number");

    private static bool OptionalBool(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && (value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean() : throw new PolicyException(key, $"{key} must be true or false"));

    private static DateOnly Date(JsonElement root, string key) =>
        OptionalString(root, key) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : throw new PolicyException(key, $"{key} must be a date written YYYY-MM-DD");
}
