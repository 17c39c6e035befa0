using System.Net;

namespace StackKit.Aws;

/// <summary>An AWS call failed: carries AWS's own error code and message (or the HTTP failure when there was no answer).</summary>
public sealed class AwsServiceException : Exception
{
    internal AwsServiceException(string action, HttpStatusCode? statusCode, string errorCode, string errorMessage, string? requestId, Exception? inner = null)
        : base($"{action} failed: {errorCode}: {errorMessage}", inner)
    {
        Action = action;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    /// <summary>The Query action that failed, e.g. <c>CreateStack</c>.</summary>
    public string Action { get; }

    /// <summary>The HTTP status, or null when the connection failed before a response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>AWS's error code, e.g. <c>ValidationError</c> or <c>Throttling</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>AWS's error message as sent.</summary>
    public string ErrorMessage { get; }

    /// <summary>AWS's request id, for support cases.</summary>
    public string? RequestId { get; }
}
