using Expunge.OperatorConsole;
using Microsoft.Extensions.Configuration;
using Expunge.OperatorConsole.Apis;
using Expunge.OperatorConsole.Domain;

namespace Expunge.OperatorConsole.Tests;

public sealed class RunFunnelTests
{
    private static readonly RunInfo Run = new(Guid.NewGuid(), "ingested", DateTime.UtcNow, null, null, RowsRead: 1000, RowsRejected: 4, Records: 300, BatchCount: 3);

    private static PackageInfo Package(string key, int version, int eligible) =>
        new(Guid.NewGuid(), key, version, Guid.NewGuid(), Run.RunId, "LASC", key, eligible + 5, eligible, DateTime.UtcNow, [], 0, 0);

    [Fact]
    public void Every_step_counts_what_reached_it_and_a_package_asked_for_again_counts_once_in_its_latest_version()
    {
        var decided = new RunDeterminations(250, 0, 250, null,
            [new("Eligible for Dismissal", "AGE", 90), new("Eligible for Dismissal", "ONLY_PROP64", 10), new("Hand Review", "NO_CRITERIA", 7)]);
        var first = Package("DA", 1, 80);
        var again = Package("DA", 2, 100) with { PackageKey = first.PackageKey };
        var city = Package("CITY", 1, 3);
        var delivered = new DeliveryInfo(Guid.NewGuid(), Guid.NewGuid(), "package", again.PackageId, "delivered", 1, DateTime.UtcNow, null, DateTime.UtcNow,
            DateTime.UtcNow, "email", "clerk@court.example");
        var failed = delivered with { SubjectId = city.PackageId, Status = "dead" };

        var steps = RunFunnel.Of(Run, decided, [first, again, city], [delivered, failed]).ToDictionary(s => s.Label, s => s.Count);

        Assert.Equal(1000, steps["Rows read"]);
        Assert.Equal(4, steps["Rows rejected (with reasons)"]);
        Assert.Equal(250, steps["People"]);
        Assert.Equal(107, steps["Convictions decided"]);
        Assert.Equal(100, steps["Eligible for Dismissal"]);
        Assert.Equal(103, steps["Convictions in filings"]);
        Assert.Equal(2, steps["Filing packages"]);
        Assert.Equal(100, steps["Convictions delivered to a clerk"]);
    }

    [Fact]
    public void Steps_no_service_has_answered_for_yet_are_empty_not_zero()
    {
        var steps = RunFunnel.Of(Run, null, [], []).ToDictionary(s => s.Label, s => s.Count);
        Assert.Null(steps["People"]);
        Assert.Null(steps["Convictions in filings"]);
        Assert.Null(steps["Convictions delivered to a clerk"]);
    }
}

public sealed class ErrorQueueMessagesTests
{
    private static FaultedMessage Faulted(string type, string message) => new(Guid.NewGuid().ToString(), "SourceRecordsIngested", type, message, null, null, 10);

    [Fact]
    public void Messages_that_failed_the_same_way_are_one_group_largest_first()
    {
        var groups = ErrorQueueMessages.Group([
            Faulted("Npgsql.PostgresException", "23505: duplicate key value violates unique constraint\nDETAIL: Key (id)=(1)"),
            Faulted("System.TimeoutException", "The operation has timed out."),
            Faulted("Npgsql.PostgresException", "23505: duplicate key value violates unique constraint\nDETAIL: Key (id)=(2)"),
        ]);

        Assert.Equal(2, groups.Count);
        Assert.Equal(("Npgsql.PostgresException", 2), (groups[0].ExceptionType, groups[0].Messages.Count));
        Assert.Equal("23505: duplicate key value violates unique constraint", groups[0].ExceptionMessage);
    }

    [Fact]
    public void A_message_goes_back_to_the_queue_its_error_queue_is_named_after_and_nothing_else_is_an_error_queue()
    {
        Assert.Equal("eligibility-person-histories-matched", ErrorQueueMessages.SourceQueueOf("eligibility-person-histories-matched_error"));
        Assert.Throws<ArgumentException>(() => ErrorQueueMessages.SourceQueueOf("eligibility-person-histories-matched"));
    }
}

public sealed class ConsoleUsersTests
{
    private static readonly ConsoleUsers Users = new([
        new ConsoleUser("a.operator", ConsoleUsers.OperatorRole, ConsoleUsers.Entry("a.operator", "operator", "right horse battery").Split(':', 3)[2]),
        new ConsoleUser("a.clerk", "clerk", ConsoleUsers.Entry("a.clerk", "clerk", "clerk pass").Split(':', 3)[2]),
    ]);

    [Fact]
    public void The_right_password_signs_in_with_the_accounts_role_and_a_wrong_one_or_an_unknown_name_does_not()
    {
        var signedIn = Users.SignIn("A.Operator", "right horse battery");
        Assert.NotNull(signedIn);
        Assert.True(signedIn.IsInRole(ConsoleUsers.OperatorRole));
        Assert.Equal("a.operator", signedIn.Identity!.Name);
        Assert.False(Users.SignIn("a.clerk", "clerk pass")!.IsInRole(ConsoleUsers.OperatorRole));
        Assert.Null(Users.SignIn("a.operator", "right horse batter"));
        Assert.Null(Users.SignIn("nobody", "right horse battery"));
    }

    [Fact]
    public void Accounts_are_read_from_configuration_and_a_malformed_entry_is_named()
    {
        var entry = ConsoleUsers.Entry("b.operator", "operator", "pw");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ConsoleUsers.Setting] = $" {entry} ; " }).Build();
        Assert.Equal(1, ConsoleUsers.Read(configuration).Count);
        Assert.NotNull(ConsoleUsers.Read(configuration).SignIn("b.operator", "pw"));

        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ConsoleUsers.Setting] = "c.operator:operator" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => { ConsoleUsers.Read(bad); });
        Assert.Contains("c.operator", error.Message, StringComparison.Ordinal);
    }
}
