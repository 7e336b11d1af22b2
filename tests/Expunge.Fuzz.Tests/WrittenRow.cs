using System.Text;
using Expunge.Doj;

namespace Expunge.Fuzz.Tests;

/// <summary>One row as a fuzz test wrote it to a file (its bytes and the physical lines they take), and what a reader
/// must make of it: these values (good) or a rejection with this code (bad).</summary>
public sealed record WrittenRow(byte[] Bytes, int Lines, string[]? Fields, string? RejectedAs)
{
    public override string ToString() => RejectedAs is null ? "good row" : $"bad row ({RejectedAs})";

    /// <summary>A header line, then the rows, each ended by <paramref name="lineEnd"/>.</summary>
    public static byte[] FileOf(string header, IEnumerable<WrittenRow> rows, string lineEnd)
    {
        var end = Encoding.UTF8.GetBytes(lineEnd);
        using var file = new MemoryStream();
        file.Write(Encoding.UTF8.GetBytes(header + lineEnd));
        foreach (var row in rows)
        {
            file.Write(row.Bytes);
            file.Write(end);
        }
        return file.ToArray();
    }

    /// <summary>Every row came back, in order, on its own line (the header is line 1): good rows with their values,
    /// bad rows rejected for their fault with a reason.</summary>
    public static void AssertReadBack(IReadOnlyList<WrittenRow> written, IReadOnlyList<(long? Line, string[]? Fields, RowError? Error)> read)
    {
        Assert.Equal(written.Count, read.Count);
        var line = 2L;
        foreach (var (expected, actual) in written.Zip(read))
        {
            if (expected.RejectedAs is { } code)
            {
                Assert.Null(actual.Line);
                Assert.Equal((line, code), (actual.Error!.Line, actual.Error.Code));
                Assert.False(string.IsNullOrWhiteSpace(actual.Error.Message));
            }
            else
            {
                Assert.Null(actual.Error);
                Assert.Equal(line, actual.Line);
                Assert.Equal(expected.Fields, actual.Fields);
            }
            line += expected.Lines;
        }
    }
}
