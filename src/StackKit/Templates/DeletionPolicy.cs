namespace StackKit.Templates;

/// <summary>What CloudFormation does with a resource when its stack deletes it (<c>DeletionPolicy</c>) or an update replaces it (<c>UpdateReplacePolicy</c>).</summary>
/// <param name="Value">The string CloudFormation reads: one of the named values, or another string AWS accepts.</param>
public readonly record struct DeletionPolicy(string Value) : IStringValue
{
    /// <summary><c>Delete</c>: the resource is deleted (the default for most types).</summary>
    public static DeletionPolicy Delete { get; } = new("Delete");

    /// <summary><c>Retain</c>: the resource is kept, outside the stack.</summary>
    public static DeletionPolicy Retain { get; } = new("Retain");

    /// <summary><c>RetainExceptOnCreate</c>: kept, unless the stack's creation failed and is rolled back.</summary>
    public static DeletionPolicy RetainExceptOnCreate { get; } = new("RetainExceptOnCreate");

    /// <summary><c>Snapshot</c>: a snapshot is taken, then the resource is deleted (volumes, databases).</summary>
    public static DeletionPolicy Snapshot { get; } = new("Snapshot");

    /// <summary>The string CloudFormation reads.</summary>
    public override string ToString() => Value ?? string.Empty;
}
