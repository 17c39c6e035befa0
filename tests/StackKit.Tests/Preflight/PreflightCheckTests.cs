namespace StackKit.Tests.Preflight;

/// <summary>The checks' names are a contract: PowerShell scripts match the error id <c>PreflightFailed.&lt;name&gt;</c>.</summary>
public sealed class PreflightCheckTests
{
    [Fact]
    public void The_names_are_the_ones_error_ids_and_warnings_have_always_used()
    {
        Assert.Equal(
            ["KeyPair", "Ami", "InstanceType", "DockerImage", "Certificate", "HostedZone", "ServiceCredential", "Preflight"],
            Enum.GetNames<PreflightCheck>());
    }
}
