namespace StackKit;

/// <summary>Whether a modified resource is replaced: a new one made and the old one deleted (a new physical id).</summary>
public enum ResourceReplacement
{
    /// <summary>Changed in place, or not a modification (added or removed).</summary>
    Never,

    /// <summary>Replaced only if a value known during the update requires it (CloudFormation's <c>Conditional</c>).</summary>
    Conditional,

    /// <summary>Replaced.</summary>
    Always,
}
