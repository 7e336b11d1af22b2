namespace Expunge.Doj;

/// <summary>
/// Files are read as UTF-8. Bytes that are not UTF-8 (a Windows-1252 export's 'É' is the usual cause) decode to
/// U+FFFD, and the value would silently become a different name: such a row is rejected instead, with its text as
/// decoded so the operator sees where the replacement characters are.
/// </summary>
public static class TextDecoding
{
    public const char NotUtf8 = '\uFFFD';

    public const string NotUtf8Message =
        "row holds bytes that are not UTF-8 (shown as \uFFFD; a Windows-1252 or Latin-1 export is the usual cause); re-export the file as UTF-8";
}
