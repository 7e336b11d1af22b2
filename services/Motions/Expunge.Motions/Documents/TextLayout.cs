using PdfSharp.Drawing;

namespace Expunge.Motions.Documents;

/// <summary>Breaks text into lines that fit a width, at spaces (a word longer than the width is cut).</summary>
public sealed class TextLayout
{
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);

    public double Width(string text, XFont font) => _measure.MeasureString(text, font).Width;

    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        if (text.Length == 0) return [""];
        if (!text.Contains('\n', StringComparison.Ordinal) && Width(text, font) <= width) return [text];
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (Width(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (Width(line, font) > width && line.Length > 1)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && Width(line[..fit], font) > width) fit--;
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }
}
