using System.Text.RegularExpressions;
using StackKit.Tests.Templates;

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

    // The table once stopped at the image while the certificate and hosted-zone checks already refused deploys.
    [Fact]
    public void README_has_one_row_per_check_that_calls_AWS_in_order()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var rows = Regex.Matches(readme, @"(?m)^\| `(?<check>[A-Za-z]+)` \| .+ \| .+ \|$").Select(m => m.Groups["check"].Value)
            .Where(name => Enum.TryParse<PreflightCheck>(name, out _));

        Assert.Equal(
            Enum.GetNames<PreflightCheck>().Except([nameof(PreflightCheck.ServiceCredential), nameof(PreflightCheck.Preflight)]),
            rows);
    }
}
