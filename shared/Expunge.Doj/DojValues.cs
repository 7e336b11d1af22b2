namespace Expunge.Doj;

/// <summary>What a field of the extract holds when it holds nothing.</summary>
public static class DojValues
{
    /// <summary>True for a value that says "not set": empty, the literal <c>NULL</c> DOJ writes in number fields, or a
    /// filler of dashes (some extracts, the reference tool's generated test file among them, write <c>  -  </c> in every
    /// field they do not set).</summary>
    public static bool IsBlank(ReadOnlySpan<char> value) =>
        value.Length == 0 || value.SequenceEqual("NULL") || !value.ContainsAnyExcept('-');
}
