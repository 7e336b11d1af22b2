using System.Text.Json;
using Expunge.Linkage;

namespace Expunge.Cli.Linkage;

/// <summary>The trained model as people read it: per field and level, m, u and the weight log2(m/u).</summary>
public static class ModelReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(FellegiSunterModel model) => JsonSerializer.Serialize(new
    {
        prior = model.Prior,
        records = model.RecordCount,
        fields = Enum.GetValues<Field>().ToDictionary(f => f.ToString(), f => model.M[(int)f].Select((m, level) => new
        {
            level,
            m = Math.Round(m, 6),
            u = Math.Round(model.U[(int)f][level], 8),
            weight = Math.Round(Math.Log2(m / model.U[(int)f][level]), 2),
        })),
    }, Indented);
}
