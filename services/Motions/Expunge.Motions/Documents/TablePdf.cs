using Expunge.Motions.Domain;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Expunge.Motions.Documents;

/// <summary>One column of a listed table: what it is called, its share of the width, and what it shows of a row.</summary>
public sealed record TableColumn(string Header, double Width, Func<FilingRow, string> Value);

/// <summary>
/// A table of convictions as a PDF a clerk can read and a system can search: landscape Letter pages, each headed
/// with the court, the title and the package reference, the column headings repeated on every page, cells wrapped
/// (never cut), and "Page n of m" on every page.
/// </summary>
public static class TablePdf
{
    private const double PageWidth = 792, PageHeight = 612, Margin = 36;
    private const double FontSize = 7.5, LineHeight = 9, Padding = 2.5;
    private static readonly XPen RulePen = new(XColors.Gray, 0.4);

    public static byte[] Render(PackageHeading heading, string court, string title, string subtitle, IReadOnlyList<TableColumn> columns,
        IReadOnlyList<FilingRow> rows)
    {
        var (font, bold) = (PdfFonts.Table(FontSize), PdfFonts.TableBold(FontSize));
        var layout = new TextLayout();
        var scale = (PageWidth - (2 * Margin)) / columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width * scale).ToArray();
        // Every row's cells laid out first, so pages can be cut between rows and counted before the first is drawn.
        var cells = rows.Select(r => columns.Select((c, i) => layout.Wrap(c.Value(r), font, widths[i] - (2 * Padding))).ToArray()).ToList();
        var headerCells = columns.Select((c, i) => layout.Wrap(c.Header, bold, widths[i] - (2 * Padding))).ToArray();
        double Height(IReadOnlyList<string>[] row) => (row.Max(l => l.Count) * LineHeight) + (2 * Padding);

        const double TableTop = Margin + 48;
        const double TableBottom = PageHeight - Margin - 14;
        var pages = new List<(int From, int To)>();
        var start = 0;
        var y = TableTop + Height(headerCells);
        for (var i = 0; i < cells.Count; i++)
        {
            var h = Height(cells[i]);
            if (y + h > TableBottom && i > start)
            {
                pages.Add((start, i));
                start = i;
                y = TableTop + Height(headerCells);
            }
            y += h;
        }
        pages.Add((start, cells.Count));

        using var document = new PdfDocument();
        document.Info.Title = $"{title} — package {heading.Reference}";
        document.Info.Creator = "Expunge";
        for (var p = 0; p < pages.Count; p++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString(court, PdfFonts.Bold(9), XBrushes.Black, new XPoint(Margin, Margin), XStringFormats.TopLeft);
            gfx.DrawString(title, PdfFonts.Bold(12), XBrushes.Black, new XPoint(Margin, Margin + 13), XStringFormats.TopLeft);
            gfx.DrawString(subtitle, PdfFonts.Regular(8), XBrushes.Black, new XPoint(Margin, Margin + 30), XStringFormats.TopLeft);
            y = TableTop;
            y = DrawRow(gfx, headerCells, widths, y, bold, XBrushes.LightGray);
            for (var i = pages[p].From; i < pages[p].To; i++) y = DrawRow(gfx, cells[i], widths, y, font, null);
            gfx.DrawString($"Package {heading.Reference} · {heading.Date:yyyy-MM-dd} · row ids are the same in every version", PdfFonts.Regular(7),
                XBrushes.Gray, new XPoint(Margin, PageHeight - Margin), XStringFormats.BottomLeft);
            gfx.DrawString($"Page {p + 1} of {pages.Count}", PdfFonts.Regular(8), XBrushes.Black,
                new XPoint(PageWidth - Margin, PageHeight - Margin), XStringFormats.BottomRight);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static double DrawRow(XGraphics gfx, IReadOnlyList<string>[] cells, double[] widths, double y, XFont font, XBrush? fill)
    {
        var height = (cells.Max(l => l.Count) * LineHeight) + (2 * Padding);
        var x = Margin;
        if (fill is not null) gfx.DrawRectangle(fill, Margin, y, widths.Sum(), height);
        for (var c = 0; c < cells.Length; c++)
        {
            for (var l = 0; l < cells[c].Count; l++)
            {
                gfx.DrawString(cells[c][l], font, XBrushes.Black, new XPoint(x + Padding, y + Padding + (l * LineHeight)), XStringFormats.TopLeft);
            }
            x += widths[c];
        }
        gfx.DrawLine(RulePen, Margin, y + height, Margin + widths.Sum(), y + height);
        return y + height;
    }
}
