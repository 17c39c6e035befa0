namespace StackKit;

/// <summary>
/// What an update would do, from CloudFormation's own change set, which was deleted again once read: nothing was
/// changed.
/// </summary>
public sealed record StackChangePreview
{
    /// <summary>The stack.</summary>
    public required string StackName { get; init; }

    /// <summary>The resources that would change, in CloudFormation's order; empty when the update changes nothing.</summary>
    public required IReadOnlyList<ResourceChangePreview> Changes { get; init; }

    /// <summary>The parameters whose values would change (NoEcho values shown as CloudFormation shows them, masked).</summary>
    public IReadOnlyList<ParameterChangePreview> ParameterChanges { get; init; } = [];

    /// <summary>What the update does beyond the list, e.g. that the servers are replaced one by one.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// What the last drift detection found (read, not run: run it with <see cref="IHttpServiceStacks.DetectDriftAsync"/>);
    /// status NOT_CHECKED when drift was never detected.
    /// </summary>
    public StackDrift? Drift { get; init; }

    /// <summary>
    /// When the stack has drifted, which resources were changed outside StackKit and what the update means for them:
    /// the ones it changes may lose their manual changes, a deleted one makes it fail, the others keep theirs; null otherwise.
    /// </summary>
    public string? DriftWarning => Stacks.DriftWarning.For(this);

    /// <summary>
    /// What the stack would cost a month after the update, when it changes the instance type or the template's
    /// options (nothing else changes the cost); null otherwise.
    /// </summary>
    public CostEstimate? Cost { get; init; }

    /// <summary>What the stack costs a month today, beside <see cref="Cost"/>; null when that is.</summary>
    public CostEstimate? CostBefore { get; init; }

    /// <summary>The monthly cost today and after the update, and the difference; null without both complete estimates.</summary>
    public string? CostChange => Cost is { } after && CostBefore is { } before ? after.DifferenceFrom(before) : null;

    /// <summary>True when nothing would change.</summary>
    public bool IsEmpty => Changes.Count == 0 && ParameterChanges.Count == 0;

    /// <summary>
    /// The stack and what changes: the parameters by name, the resources by count, and the notes, such as an image
    /// change that touches no resource of the template but replaces every server; "no change" when nothing would.
    /// </summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return $"{StackName}: no change";
        }
        var parts = new List<string>();
        if (ParameterChanges.Count > 0)
        {
            parts.Add(string.Join(", ", ParameterChanges));
        }
        if (Changes.Count > 0)
        {
            parts.Add(Changes.Count == 1 ? "1 resource changes" : $"{Changes.Count} resources change");
        }
        return $"{StackName}: {string.Join("; ", parts.Concat(Notes))}";
    }
}
