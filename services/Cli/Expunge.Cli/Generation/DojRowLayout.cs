using System.Globalization;
using Expunge.Doj;

namespace Expunge.Cli.Generation;

/// <summary>How generated DOJ rows are laid out (doj-extract.md): one place for both generators (the DOJ extract and the
/// county population) to fill the 95 fields the way real extracts do.</summary>
public static class DojRowLayout
{
    /// <param name="licence">The subject's driver licence (CDL); null gives one made from the CII number.</param>
    public static string[] NewRow(string subjectId, string cii, string name, string gender, string dob, int index, string? licence = null)
    {
        var row = new string[DojColumns.Count];
        Array.Fill(row, "");
        foreach (var separator in new[] { 3, 10, 20, 35, 38, 49, 83 }) row[separator] = "#";
        row[1] = "ACTIVE";
        row[2] = subjectId;
        row[4] = cii;
        row[5] = name;
        row[6] = gender;
        row[7] = dob;
        row[11] = cii;
        row[12] = name;
        row[13] = gender;
        row[14] = dob;
        row[15] = "NULL";
        row[16] = licence ?? $"D{cii[1..]}";
        // Descriptors and identifiers every real row repeats: they make a row the size of a real one (~800 bytes).
        (row[21], row[22]) = ("H", "HISPANIC");
        (row[23], row[24], row[25], row[26]) = ("BRO", "BROWN", "BLK", "BLACK");
        (row[27], row[28]) = ("509", "175");
        (row[29], row[30]) = ("Y", "N");
        (row[31], row[32], row[33], row[34]) = ("CA", "CALIFORNIA", "STATE", "US CITIZEN");
        (row[43], row[44], row[45]) = ("C", "COURT", "CA0190000");
        row[47] = "19";
        (row[66], row[67], row[72], row[73]) = ("1", "LOS ANGELES POLICE DEPARTMENT", $"BK{cii[1..]}", $"FE{index:D9}");
        (row[69], row[70], row[71]) = ($"CT{index:D8}", $"DKT{index:D9}", $"INC{index:D10}");
        (row[74], row[76]) = ("NONE", $"CRT{index:D8}");
        row[9] = "NULL";
        (row[17], row[18]) = ($"IDN{index:D7}", $"INN{index:D7}");
        row[90] = "NULL";
        (row[91], row[92]) = ("R", "REGULAR CII RECORD");
        row[94] = "*";
        return row;
    }

    public static void Cycle(string[] row, int cycle, string date)
    {
        row[36] = cycle.ToString(CultureInfo.InvariantCulture);
        row[37] = date;
    }

    public static void Step(string[] row, int cycle, int step, string date, string type, string agency, string county)
    {
        row[39] = step.ToString(CultureInfo.InvariantCulture);
        row[40] = date;
        row[42] = type;
        row[46] = agency;
        row[48] = county;
        _ = cycle;
    }

    public static void Count(string[] row, int cycle, int step, int count, string offense, string toc, string disposition)
    {
        row[50] = $"{cycle:D3}{step:D3}{count:D3}000";
        row[54] = offense;
        row[55] = toc;
        row[80] = disposition;
        row[79] = disposition.Length > 0 ? disposition[..Math.Min(4, disposition.Length)] : "";
        row[78] = disposition.Length > 0 ? "1" : "";
        (row[61], row[62], row[63], row[64]) = disposition.StartsWith("CONVICTED", StringComparison.Ordinal)
            ? ("1", row[53], offense, toc) : ("", "", "", "");
        row[57] = row[53];
        row[44] = row[42] == "COURT ACTION" ? "SUPERIOR COURT OF CALIFORNIA" : "LAW ENFORCEMENT AGENCY";
        row[53] = offense.Length > 5 ? offense[..5].Trim() : "";
        row[58] = offense;
        row[59] = toc;
        row[51] = disposition.Length > 0 ? row[40] : "";
    }

    public static void Sentence(string[] row, int part, string disposition, Random random)
    {
        row[84] = part.ToString(CultureInfo.InvariantCulture);
        (row[86], row[87], row[88]) = disposition switch
        {
            "CONVICTED-PRISON" => ("PRISON", random.Next(1, 6).ToString(CultureInfo.InvariantCulture), "Y"),
            "CONVICTED-PROBATION" => ("PROBATION", random.Next(12, 61).ToString(CultureInfo.InvariantCulture), "M"),
            "CONVICTED-FINE" => ("FINE", "", ""),
            _ => ("JAIL", random.Next(1, 366).ToString(CultureInfo.InvariantCulture), random.Next(20) == 0 ? "X" : "D"),
        };
        row[85] = row[86][..Math.Min(3, row[86].Length)];
        row[89] = row[88] switch { "D" => "DAYS", "M" => "MONTHS", "Y" => "YEARS", _ => "" };
    }

    public static string ToCsv(string[] row) =>
        string.Join(',', row.Select((v, i) =>
            v.Contains(',') || v.Contains('"') ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            // Real extracts pad some fixed-width values with spaces; readers must trim them.
            : i is 13 or 55 ? $"{v} " : v)) + "\n";
}
