using Expunge.Doj;

namespace Expunge.Ingestion.Tests;

internal static class Extract
{
    public static readonly string Header = string.Join(',', DojColumns.Names) + ",";

    public static string Row(string subjectId)
    {
        var fields = Enumerable.Repeat("", DojColumns.Count).ToArray();
        fields[DojColumns.SubjectId] = subjectId;
        fields[DojColumns.PrimaryName] = "\"DOE,JANE\"";
        fields[DojColumns.PrimaryDob] = "19700101";
        return string.Join(',', fields);
    }

    public static string Text(params string[] lines) => string.Join("\n", lines) + "\n";
}
