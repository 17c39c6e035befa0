namespace StackKit.Stacks;

/// <summary>The stack tag that marks the stacks StackKit created, so listing finds them and nothing else.</summary>
internal static class StackKitTags
{
    /// <summary>Tag key set on every stack StackKit creates.</summary>
    public const string ManagedBy = "stackkit:managed-by";

    /// <summary>Value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "StackKit";
}
