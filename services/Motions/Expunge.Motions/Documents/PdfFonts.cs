using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Expunge.Motions.Documents;

/// <summary>
/// The fonts every filing is set in: DejaVu Serif, shipped in this assembly, embedded (subset) in each PDF with a
/// Unicode map, so the text is searchable and a name such as Nguyễn prints the same on any court's machine. PDFsharp
/// takes one font resolver for the process, installed here before any font is made.
/// </summary>
public static class PdfFonts
{
    public const string Serif = "Expunge Serif";
    public const string Condensed = "Expunge Serif Condensed";

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    static PdfFonts()
    {
        GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
    }

    public static XFont Regular(double size) => new(Serif, size, XFontStyleEx.Regular, Unicode);

    public static XFont Bold(double size) => new(Serif, size, XFontStyleEx.Bold, Unicode);

    public static XFont Table(double size) => new(Condensed, size, XFontStyleEx.Regular, Unicode);

    public static XFont TableBold(double size) => new(Condensed, size, XFontStyleEx.Bold, Unicode);

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
        {
            [$"{Serif}|R"] = "DejaVuSerif.ttf",
            [$"{Serif}|B"] = "DejaVuSerif-Bold.ttf",
            [$"{Condensed}|R"] = "DejaVuSerifCondensed.ttf",
            [$"{Condensed}|B"] = "DejaVuSerifCondensed-Bold.ttf",
        };

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            var face = $"{familyName}|{(bold ? "B" : "R")}";
            // Italic is simulated (slanted) from the upright face: the filings never need a true italic.
            return Files.ContainsKey(face) ? new FontResolverInfo(face, false, italic) : null;
        }

        public byte[]? GetFont(string faceName)
        {
            if (!Files.TryGetValue(faceName, out var file)) return null;
            using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Expunge.Motions.Documents.Fonts.{file}")
                ?? throw new InvalidOperationException($"The font {file} is not embedded in Expunge.Motions.");
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        }
    }
}
