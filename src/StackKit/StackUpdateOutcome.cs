namespace StackKit;

/// <summary>What an update did.</summary>
public enum StackUpdateOutcome
{
    /// <summary>CloudFormation applied the change and the stack is UPDATE_COMPLETE.</summary>
    Updated,

    /// <summary>The stack already matched the request; nothing was changed.</summary>
    NothingToChange,
}
