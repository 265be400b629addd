using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Verdict.Web.Api;

/// <summary>A request the API refuses: the status code, the message for the user and the form field at fault.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int statusCode, string message, string? field)
        : base(message)
    {
        StatusCode = statusCode;
        Field = field;
    }

    public ApiException()
    {
    }

    public ApiException(string message)
        : base(message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;

    public string? Field { get; }

    public static ApiException BadRequest(string message, string? field) => new(StatusCodes.Status400BadRequest, message, field);
}

/// <summary>Writes API responses: JSON bodies, and errors as <c>{"error": "...", "field": "..."}</c>.</summary>
internal static class ApiResponses
{
    /// <summary>The options of the CLI's JSON output: indented, non-ASCII text kept as is.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON, non-ASCII text kept as is.</summary>
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Text(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    public static Task Json(HttpContext context, string json) =>
        Text(context, StatusCodes.Status200OK, "application/json; charset=utf-8", json);

    public static Task Json(HttpContext context, JsonNode node) => Json(context, node.ToJsonString(Compact));

    public static Task Error(HttpContext context, int status, string message, string? field)
    {
        var body = new JsonObject { ["error"] = message, ["field"] = field };
        return Text(context, status, "application/json; charset=utf-8", body.ToJsonString(Compact));
    }
}
