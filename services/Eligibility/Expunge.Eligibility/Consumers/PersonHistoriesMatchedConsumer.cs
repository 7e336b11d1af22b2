using Expunge.Contracts;
using Expunge.Eligibility.Data;
using Expunge.Eligibility.Domain;
using Expunge.EligibilityRules;
using Expunge.Hosting;
using Expunge.Persistence;
using MassTransit;
using Npgsql;

namespace Expunge.Eligibility.Consumers;

public sealed class PersonHistoriesMatchedConsumer(
    Inbox inbox, PersonHistoryStore histories, DeterminationStore determinations, PolicyStore policies, RunProgress progress,
    EligibilityMetrics metrics, NpgsqlDataSource db, IServiceProvider services)
    : IConsumer<PersonHistoriesMatched>
{
    public const string Stage = EligibilityRegistration.Service;

    public async Task Consume(ConsumeContext<PersonHistoriesMatched> context)
    {
        var batch = context.Message;
        // A run's own policy was validated when it was submitted; one that does not parse here is a poison message.
        var runPolicy = batch.RunPolicy is null ? null : PolicyFile.Parse(batch.RunPolicy);
        var countyPolicies = await policies.CurrentPoliciesAsync(context.CancellationToken);
        IReadOnlyList<ConvictionReport> sealedReports;
        await using (var connection = await db.OpenConnectionAsync(context.CancellationToken))
        {
            sealedReports = await SealedConvictions.ReportsOfAsync(connection, null,
                [.. batch.People.SelectMany(p => p.Records).Select(r => (r.Source, r.SourceRecordId)).Distinct()], context.CancellationToken);
        }
        var outcomes = batch.People.Select(p => PersonDecisions.Decide(p, runPolicy, countyPolicies, sealedReports)).ToList();

        var applied = await inbox.ConsumeOnceAsync(nameof(PersonHistoriesMatchedConsumer), context.MessageId, async tx =>
        {
            await histories.StoreAsync(tx, batch, outcomes, runPolicy, context.CancellationToken);
            await determinations.StoreAsync(tx, batch.RunId, outcomes, context.CancellationToken);
            await progress.RecordBatchAsync(tx, batch, batch.People.Count, services, context.CancellationToken);
            tx.Publish(MessageIds.For(batch.RunId, Stage, batch.Sequence), new ConvictionsDetermined
            {
                RunId = batch.RunId,
                Sequence = batch.Sequence,
                People = [.. outcomes.Select(DeterminationMessages.Of)],
            });
        }, context.CancellationToken);
        if (applied)
        {
            foreach (var decision in outcomes.SelectMany(o => o.Decisions))
            {
                metrics.Decisions.Add(1, new KeyValuePair<string, object?>("determination", decision.Decision.Determination));
            }
        }
    }
}

public sealed class PersonHistoriesMatchedConsumerDefinition : StageConsumerDefinition<PersonHistoriesMatchedConsumer>;
