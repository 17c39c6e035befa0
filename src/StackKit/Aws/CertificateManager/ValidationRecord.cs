using System.Text.Json;

namespace StackKit.Aws.CertificateManager;

/// <summary>A DNS record ACM asks for to validate one name of a certificate (a <c>DomainValidation</c>'s <c>ResourceRecord</c>).</summary>
internal sealed record ValidationRecord(string DomainName, string Name, string Type, string Value)
{
    /// <summary>The record of a <c>DomainValidation</c>, or null when it has none (e-mail validation, or not assigned yet).</summary>
    public static ValidationRecord? FromJson(JsonElement validation) =>
        validation.TryGetProperty("ResourceRecord", out var record) && record.ValueKind == JsonValueKind.Object
        && record.Text("Name") is { } name && record.Text("Value") is { } value
            ? new ValidationRecord(validation.Text("DomainName") ?? "", name, record.Text("Type") ?? "CNAME", value)
            : null;
}
