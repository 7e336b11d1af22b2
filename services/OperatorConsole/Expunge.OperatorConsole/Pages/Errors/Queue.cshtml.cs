using Expunge.OperatorConsole.Apis;
using Expunge.OperatorConsole.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Expunge.OperatorConsole.Pages.Errors;

public sealed class QueueModel(Broker broker, ILogger<QueueModel> logger) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string Queue { get; set; } = "";

    public IReadOnlyList<FaultGroup>? Groups { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Queue.EndsWith(ErrorQueueMessages.ErrorSuffix, StringComparison.Ordinal)) return NotFound();
        var messages = await TryAsync(() => broker.ReadErrorQueueAsync(Queue, ct));
        if (messages is not null) Groups = ErrorQueueMessages.Group(messages);
        return Page();
    }

    /// <param name="messageId">One message, or (none) every message in the queue.</param>
    public Task<IActionResult> OnPostRedriveAsync(string? messageId, CancellationToken ct) => ActAsync(async () =>
    {
        var outcome = await broker.RedriveAsync(Queue, string.IsNullOrEmpty(messageId) ? null : messageId, Operator, logger, ct);
        return $"Re-drove {outcome.Redriven} message{(outcome.Redriven == 1 ? "" : "s")} to {ErrorQueueMessages.SourceQueueOf(Queue)}; {outcome.Left} left in {Queue}.";
    });
}
