using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Expunge.Motions.Documents;

/// <summary>
/// A court paper set as text flows (portrait Letter, one-inch margins, 12-point serif at one and a half lines):
/// blocks are laid out top to bottom and break across pages; every page is footed with the paper's title, the
/// package reference and "Page n of m".
/// </summary>
public sealed class PleadingPdf
{
    private const double PageWidth = 612, PageHeight = 792, Margin = 72, BodySize = 12, Leading = 18;

    private readonly TextLayout _layout = new();
    private readonly List<List<Action<XGraphics>>> _pages = [[]];
    private readonly string _footer;
    private double _y = Margin;

    public PleadingPdf(string footer)
    {
        _footer = footer;
    }

    private static double Width => PageWidth - (2 * Margin);

    public PleadingPdf Line(string text, bool bold = false, bool centered = false, double size = BodySize) =>
        Paragraph(text, bold, centered, size, indent: 0, spaceAfter: 0);

    public PleadingPdf Paragraph(string text, bool bold = false, bool centered = false, double size = BodySize, double indent = 36, double spaceAfter = 8)
    {
        var font = bold ? PdfFonts.Bold(size) : PdfFonts.Regular(size);
        var leading = Leading * size / BodySize;
        var lines = _layout.Wrap(text, font, Width - indent);
        for (var i = 0; i < lines.Count; i++)
        {
            Room(leading);
            var (line, y, x) = (lines[i], _y, Margin + (i == 0 ? indent : 0));
            if (centered)
            {
                _pages[^1].Add(g => g.DrawString(line, font, XBrushes.Black, new XPoint(PageWidth / 2, y), XStringFormats.TopCenter));
            }
            else
            {
                _pages[^1].Add(g => g.DrawString(line, font, XBrushes.Black, new XPoint(x, y), XStringFormats.TopLeft));
            }
            _y += leading;
        }
        _y += spaceAfter;
        return this;
    }

    /// <summary>A list of label and value lines, the values aligned (a summary of counts, say).</summary>
    public PleadingPdf Pairs(IEnumerable<(string Label, string Value)> pairs)
    {
        var font = PdfFonts.Regular(BodySize);
        foreach (var (label, value) in pairs)
        {
            Room(Leading);
            var y = _y;
            _pages[^1].Add(g =>
            {
                g.DrawString(label, font, XBrushes.Black, new XPoint(Margin + 36, y), XStringFormats.TopLeft);
                g.DrawString(value, font, XBrushes.Black, new XPoint(Margin + Width, y), XStringFormats.TopRight);
            });
            _y += Leading;
        }
        _y += 8;
        return this;
    }

    /// <summary>A line to sign on, with who signs beneath it; kept on one page.</summary>
    public PleadingPdf Signature(string signer, string role)
    {
        Room(Leading * 4);
        var y = _y + (Leading * 1.5);
        var font = PdfFonts.Regular(BodySize);
        _pages[^1].Add(g =>
        {
            g.DrawLine(XPens.Black, Margin + (Width / 2), y, Margin + Width, y);
            g.DrawString(signer, font, XBrushes.Black, new XPoint(Margin + (Width / 2), y + 4), XStringFormats.TopLeft);
            g.DrawString(role, font, XBrushes.Black, new XPoint(Margin + (Width / 2), y + 4 + Leading), XStringFormats.TopLeft);
        });
        _y += Leading * 4;
        return this;
    }

    public PleadingPdf Gap(double points)
    {
        _y += points;
        return this;
    }

    private void Room(double height)
    {
        if (_y + height <= PageHeight - Margin - 20) return;
        _pages.Add([]);
        _y = Margin;
    }

    public byte[] Render(string title)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "Expunge";
        for (var p = 0; p < _pages.Count; p++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var draw in _pages[p]) draw(gfx);
            gfx.DrawLine(XPens.Black, Margin, PageHeight - Margin + 6, PageWidth - Margin, PageHeight - Margin + 6);
            gfx.DrawString(_footer, PdfFonts.Regular(8), XBrushes.Black, new XPoint(Margin, PageHeight - Margin + 10), XStringFormats.TopLeft);
            gfx.DrawString($"Page {p + 1} of {_pages.Count}", PdfFonts.Regular(8), XBrushes.Black,
                new XPoint(PageWidth - Margin, PageHeight - Margin + 10), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
