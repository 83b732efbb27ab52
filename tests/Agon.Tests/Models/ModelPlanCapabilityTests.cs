using Agon.Hosts;
using Agon.Models;

namespace Agon.Tests.Models;

/// <summary>A plan asks the host's capabilities: no pull is planned on a host that cannot pull, no delete where it cannot delete.</summary>
public sealed class ModelPlanCapabilityTests
{
    private static readonly ModelInfo s_extra = new() { Id = "extra", Status = ModelStatus.Available, CanRemove = true };

    [Fact]
    public async Task Build_HostThatCannotPull_PlansNoPull_AndSaysWhy()
    {
        await using var host = LlamaCppTestHost.Create(new ThrowingHandler(new InvalidOperationException("no server")), configured: ["wanted"]);
        var inventory = new HostInventory([s_extra], HostCapabilities.ServesOneModel("host lab runs a single model"));

        var plan = ModelPlan.Build([new HostOutcome<HostInventory>(host, inventory, null)], delete: true, pull: true);

        Assert.Empty(plan.Pulls);
        Assert.Empty(plan.Deletes);
        Assert.Equal(["host lab runs a single model"], plan.Errors);
    }

    [Fact]
    public async Task Build_HostThatCanPull_PlansThePull()
    {
        await using var host = LlamaCppTestHost.Create(new ThrowingHandler(new InvalidOperationException("no server")), configured: ["wanted"]);
        var inventory = new HostInventory([s_extra], new HostCapabilities { CanLoad = true, CanPull = true, CanDelete = true });

        var plan = ModelPlan.Build([new HostOutcome<HostInventory>(host, inventory, null)], delete: true, pull: true);

        Assert.Equal([((IModelHost)host, "wanted")], plan.Pulls);
        Assert.Equal([((IModelHost)host, "extra")], plan.Deletes);
    }
}
