using System.Net;

namespace StackKit;

/// <summary>
/// An AWS call failed: carries AWS's own error code and message, or, when no answer came
/// (<see cref="IsConnectionFailure"/>), what happened to the connection.
/// </summary>
public sealed class AwsServiceException : StackKitException
{
    /// <summary>A failed call to <paramref name="action"/>.</summary>
    /// <param name="action">The AWS action, e.g. <c>CreateStack</c>.</param>
    /// <param name="statusCode">The HTTP status; null when no answer came.</param>
    /// <param name="errorCode">AWS's error code, e.g. <c>ValidationError</c>; <c>ConnectionFailed</c> when no answer came.</param>
    /// <param name="errorMessage">AWS's message, or what happened to the connection.</param>
    /// <param name="requestId">AWS's request id, if it sent one.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AwsServiceException(string action, HttpStatusCode? statusCode, string errorCode, string errorMessage, string? requestId, Exception? innerException = null)
        : base($"{action} failed: {errorCode}: {errorMessage}", innerException)
    {
        Action = action;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    /// <summary>The AWS action that failed, e.g. <c>CreateStack</c>.</summary>
    public string Action { get; }

    /// <summary>The HTTP status, or null when the connection failed before a response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>AWS's error code, e.g. <c>ValidationError</c> or <c>Throttling</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>AWS's error message as sent.</summary>
    public string ErrorMessage { get; }

    /// <summary>AWS's request id, for support cases.</summary>
    public string? RequestId { get; }

    /// <summary>True when no answer came at all (no route, refused, dropped, timed out): AWS said nothing, so nothing is known to have happened.</summary>
    public bool IsConnectionFailure => StatusCode is null;
}
