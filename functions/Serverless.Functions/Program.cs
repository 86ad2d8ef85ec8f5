using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Functions;
using Serverless.Functions.Http;
using Serverless.Http.Configuration;

var builder = FunctionsApplication.CreateBuilder(args);

// host.json's settings the app reads too (the route prefix of its links), below every other source.
builder.Configuration.AddHostJsonSettings(0, AppContext.BaseDirectory);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionApp(builder.Configuration);
builder.UseClientRateLimits(builder.Configuration);
builder.Build().Run();
