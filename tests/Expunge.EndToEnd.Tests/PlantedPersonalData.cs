using Expunge.Doj;

namespace Expunge.EndToEnd.Tests;

/// <summary>What must never be readable outside the services' decrypted memory: the people of a generated extract.</summary>
internal static class PlantedPersonalData
{
    /// <summary>The extract's names (whole, and each surname of six letters or more), CII numbers and dates of birth
    /// (as the extract writes them, YYYYMMDD, and as the services write them, YYYY-MM-DD).</summary>
    public static HashSet<string> Of(string extract)
    {
        using var file = File.OpenRead(extract);
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in DojExtractReader.Read(file).Select(r => r.Row).OfType<DojRow>())
        {
            var name = row.Fields[DojColumns.PrimaryName];
            values.Add(name);
            if (name.Split(',')[0] is { Length: >= 6 } surname) values.Add(surname);
            if (row.Fields[DojColumns.CiiNumber] is { Length: >= 6 } cii) values.Add(cii);
            if (row.Fields[DojColumns.PrimaryDob] is { Length: 8 } dob && dob != "00000000" && dob.All(char.IsAsciiDigit))
            {
                values.Add(dob);
                values.Add($"{dob[..4]}-{dob[4..6]}-{dob[6..]}");
            }
        }
        values.Remove("");
        return values;
    }
}
