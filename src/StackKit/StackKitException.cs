namespace StackKit;

/// <summary>
/// The base of every error StackKit raises on purpose (a stack that failed, a check that refused a value, AWS that
/// answered with an error or not at all), so one <c>catch</c> takes them all. Bad arguments are
/// <see cref="ArgumentException"/>s instead, raised before any call.
/// </summary>
public class StackKitException : Exception
{
    /// <summary>An error with a generic message.</summary>
    public StackKitException()
        : base("StackKit could not complete the operation.")
    {
    }

    /// <summary>An error with <paramref name="message"/>.</summary>
    public StackKitException(string message)
        : base(message)
    {
    }

    /// <summary>An error with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public StackKitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
