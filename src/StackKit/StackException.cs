namespace StackKit;

/// <summary>An error about one stack: says which, where, and (once AWS gave it one) its ARN.</summary>
public class StackException : StackKitException
{
    /// <summary>An error about <paramref name="stackName"/> in <paramref name="region"/>.</summary>
    /// <param name="message">What went wrong and what to do, for a person.</param>
    /// <param name="stackName">The stack's name.</param>
    /// <param name="stackId">The stack's ARN; null when it has none (it does not exist).</param>
    /// <param name="region">The region the stack is in, or was looked for in.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StackException(string message, string stackName, string? stackId, string region, Exception? innerException = null)
        : base(message, innerException)
    {
        StackName = stackName;
        StackId = stackId;
        Region = region;
    }

    /// <summary>The stack's name.</summary>
    public string StackName { get; }

    /// <summary>The stack's ARN, which stays valid after the stack is deleted; null when no stack has the name.</summary>
    public string? StackId { get; }

    /// <summary>The region of the stack.</summary>
    public string Region { get; }
}
