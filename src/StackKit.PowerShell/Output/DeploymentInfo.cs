namespace StackKit.PowerShell.Output;

/// <summary>
/// One deploy of a stack's image as Get-HttpServiceDeployment writes it: flat, and carrying the stack, region and
/// endpoint, so that piping it to Undo-HttpServiceStack goes back to its image where it ran.
/// </summary>
public sealed class DeploymentInfo
{
    /// <summary>The stack deployed to.</summary>
    public required string StackName { get; init; }

    /// <summary>The region the stack is in.</summary>
    public required string Region { get; init; }

    /// <summary>The endpoint it was read from when that is not AWS (moto, LocalStack); empty for AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>The image reference deployed.</summary>
    public required string Image { get; init; }

    /// <summary>The image's digest (sha256:...) when the reference names one.</summary>
    public string? Digest { get; init; }

    /// <summary>The IAM principal that deployed it.</summary>
    public required string Principal { get; init; }

    /// <summary>When it was deployed.</summary>
    public required DateTimeOffset DeployedAt { get; init; }

    /// <summary>Serving (now), Succeeded (served before) or InProgress.</summary>
    public required DeploymentOutcome Outcome { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Image} ({Outcome})";

    /// <summary>The object for <paramref name="deployment"/>, read at <paramref name="endpointUrl"/>.</summary>
    internal static DeploymentInfo From(HttpServiceDeployment deployment, string? endpointUrl) => new()
    {
        StackName = deployment.StackName,
        Region = deployment.Region,
        EndpointUrl = endpointUrl,
        Image = deployment.Image,
        Digest = deployment.Digest,
        Principal = deployment.Principal,
        DeployedAt = deployment.DeployedAt,
        Outcome = deployment.Outcome,
    };
}
