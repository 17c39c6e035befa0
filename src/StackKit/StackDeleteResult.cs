namespace StackKit;

/// <summary>The outcome of a delete.</summary>
/// <param name="Outcome">Deleted, or did not exist.</param>
/// <param name="StackName">The name asked for.</param>
/// <param name="StackId">The deleted stack's ARN; null when it did not exist.</param>
/// <param name="Region">The region it was deleted in (or looked for in).</param>
public sealed record StackDeleteResult(StackDeleteOutcome Outcome, string StackName, string? StackId, string Region)
{
    /// <summary>
    /// The URI of the stack's image repository, which the delete leaves with its images (option
    /// <see cref="HttpServiceOptions.ImageRepository"/>); null when the stack had none.
    /// </summary>
    public string? KeptImageRepository { get; init; }

    /// <summary>Name and outcome, e.g. <c>web: Deleted</c>.</summary>
    public override string ToString() => $"{StackName}: {Outcome}";
}
