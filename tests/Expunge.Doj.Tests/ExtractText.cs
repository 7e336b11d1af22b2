using System.Text;
using Expunge.Doj;

namespace Expunge.Doj.Tests;

/// <summary>Builds extract text row by row for tests: a valid 95-field row with the fields a test cares about set.</summary>
internal static class ExtractText
{
    public static string Header(bool trailingComma = true) => string.Join(',', DojColumns.Names) + (trailingComma ? "," : "");

    public static string Row(string subjectId, params (int Column, string Value)[] set)
    {
        var fields = Enumerable.Repeat("", DojColumns.Count).ToArray();
        fields[DojColumns.RecordId] = "1";
        fields[DojColumns.SubjectId] = subjectId;
        foreach (var (column, value) in set) fields[column] = value;
        return string.Join(',', fields.Select(f => f.Contains(',') ? $"\"{f}\"" : f));
    }

    public static List<DojReadResult> Read(params string[] lines) =>
        [.. DojExtractReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")))];
}
