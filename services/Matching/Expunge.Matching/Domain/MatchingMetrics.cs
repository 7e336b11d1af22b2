using System.Diagnostics.Metrics;
using Expunge.Hosting;
using Expunge.Matching.Data;

namespace Expunge.Matching.Domain;

/// <summary>expunge.matching.* business metrics.</summary>
public sealed class MatchingMetrics
{
    private readonly Counter<long> _records;
    private readonly Counter<long> _newPeople;
    private readonly Counter<long> _merges;
    private readonly Counter<long> _reviewPairs;
    private readonly Counter<long> _settledQuestions;

    public MatchingMetrics(ExpungeTelemetry telemetry)
    {
        var meter = telemetry.Meter;
        _records = meter.CreateCounter<long>("expunge.matching.records_linked", description: "Source records linked to people");
        _newPeople = meter.CreateCounter<long>("expunge.matching.people_created", description: "People founded by a record that linked to no one");
        _merges = meter.CreateCounter<long>("expunge.matching.people_merged", description: "People found to be another person");
        _reviewPairs = meter.CreateCounter<long>("expunge.matching.review_pairs", description: "Pairs sent to clerical review (their answer changes a count, a determination or a filing)");
        _settledQuestions = meter.CreateCounter<long>("expunge.matching.questions_settled",
            description: "Uncertain pairs whose answer would change nothing, settled by the model (two people) and listed as auto");
    }

    public void Record(int records, BatchLinkage linkage)
    {
        _records.Add(records);
        _newPeople.Add(linkage.NewPeople);
        _merges.Add(linkage.Merges);
        _reviewPairs.Add(linkage.ReviewPairs);
        _settledQuestions.Add(linkage.SettledQuestions);
    }
}
