namespace StackKit;

/// <summary>
/// Goes back to an image the stack ran before: the previous good one (null <see cref="Image"/>), or one from its
/// history (<see cref="IHttpServiceStacks.ListDeploymentsAsync"/>). It is an update of the image, sent without rollback
/// triggers: it usually runs while a health alarm is in ALARM, and CloudFormation would roll it back.
/// </summary>
public sealed class HttpServiceUndoRequest
{
    /// <summary>The stack to roll back.</summary>
    public required string StackName { get; init; }

    /// <summary>An image from the stack's history; null for the one that served before the current one.</summary>
    public string? Image { get; init; }

    /// <summary>Skips the check that the image can still be pulled; a warning says so.</summary>
    public bool SkipPreflight { get; init; }

    /// <summary>Where the checks' warnings go; null drops them.</summary>
    public IProgress<PreflightWarning>? Warnings { get; init; }
}
