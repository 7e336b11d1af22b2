using Expunge.Security;

namespace Expunge.Testing;

/// <summary>
/// The data key the tests' services encrypt personal data with: the environment's (./expunge up and ./expunge test set
/// one per checkout), or one made for this test process. Services started by the tests get the same value, so what
/// they store can be read back here.
/// </summary>
public static class TestDataKeys
{
    public static string Setting { get; } = Environment.GetEnvironmentVariable(FieldCipher.Variable) is { Length: > 0 } set ? set : Make();

    public static FieldCipher Cipher { get; } = FieldCipher.Parse(Setting);

    /// <summary>The lookup-hash key (matching's people lookup), the same way.</summary>
    public static string LookupSetting { get; } = Environment.GetEnvironmentVariable(LookupHash.Variable) is { Length: > 0 } set ? set : MakeLookup();

    private static string MakeLookup()
    {
        var setting = LookupHash.NewKey();
        Environment.SetEnvironmentVariable(LookupHash.Variable, setting);
        return setting;
    }

    private static string Make()
    {
        var setting = FieldCipher.NewEntry("test-1");
        // In-process hosts read the environment too.
        Environment.SetEnvironmentVariable(FieldCipher.Variable, setting);
        return setting;
    }
}
