namespace StackKit.Server.Fleet;

/// <summary>The key table holds more items than a server reads; nothing is applied.</summary>
internal sealed class KeyTableTooLargeException : Exception
{
    /// <summary>Creates the exception with a message naming the table and the limit.</summary>
    public KeyTableTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyTableTooLargeException()
    {
    }

    /// <summary>Creates the exception with an inner one.</summary>
    public KeyTableTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
