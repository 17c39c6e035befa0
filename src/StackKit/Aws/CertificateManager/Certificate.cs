using System.Text.Json;

namespace StackKit.Aws.CertificateManager;

/// <summary>
/// What StackKit reads of ACM's <c>CertificateDetail</c>: the names it covers, its status and type, and for a pending
/// certificate the DNS records that would validate it.
/// </summary>
/// <param name="DomainName">The certificate's main name (ACM: "such as www.example.com or example.com").</param>
/// <param name="SubjectAlternativeNames">Every name it covers, the main one included (ACM: "include the canonical domain name (CN)").</param>
/// <param name="Status"><c>PENDING_VALIDATION</c>, <c>ISSUED</c>, <c>INACTIVE</c>, <c>EXPIRED</c>, <c>VALIDATION_TIMED_OUT</c>, <c>REVOKED</c> or <c>FAILED</c>.</param>
/// <param name="Type"><c>AMAZON_ISSUED</c>, <c>IMPORTED</c> or <c>PRIVATE</c>.</param>
/// <param name="ValidationRecords">The DNS records validation asks for, one per name that has one.</param>
internal sealed record Certificate(string? DomainName, IReadOnlyList<string> SubjectAlternativeNames, string Status, string? Type, IReadOnlyList<ValidationRecord> ValidationRecords)
{
    public const string Issued = "ISSUED";

    public const string PendingValidation = "PENDING_VALIDATION";

    public const string Private = "PRIVATE";

    /// <summary>Every name the certificate covers: its alternative names, or its main name when it lists none.</summary>
    public IReadOnlyList<string> Names => SubjectAlternativeNames.Count > 0 ? SubjectAlternativeNames : DomainName is null ? [] : [DomainName];

    public static Certificate FromJson(JsonElement detail) => new(
        detail.Text("DomainName"),
        detail.Texts("SubjectAlternativeNames"),
        detail.Text("Status") ?? "",
        detail.Text("Type"),
        detail.TryGetProperty("DomainValidationOptions", out var options) && options.ValueKind == JsonValueKind.Array
            ? [.. options.EnumerateArray().Select(ValidationRecord.FromJson).OfType<ValidationRecord>()]
            : []);
}
