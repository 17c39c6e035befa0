namespace StackKit;

/// <summary>What a delete did.</summary>
public enum StackDeleteOutcome
{
    /// <summary>The stack reached DELETE_COMPLETE.</summary>
    Deleted,

    /// <summary>No stack had that name, so there was nothing to delete.</summary>
    DidNotExist,
}
