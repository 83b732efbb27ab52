using System.Collections.ObjectModel;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Agon.Interactive;

/// <summary>F2: pick a host (with reachability and mode), then one of its models (loaded first), for the focused pane. Esc closes.</summary>
internal static class TargetPickerDialog
{
    public const string Title = "Pick a target";

    public static void Show(IApplication app, ChatSession session, int pane, TargetCatalog catalog)
    {
        if (session.Running)
        {
            session.Say("stop the answer first (Esc), then pick a target");
            return;
        }

        var dialog = new Dialog { Title = $"{Title} for pane {pane + 1} (Enter picks, Esc closes)", Width = Dim.Percent(80), Height = Dim.Percent(70) };
        var list = new ListView { Width = Dim.Fill(), Height = Dim.Fill(1) };
        list.SetSource(new ObservableCollection<string>(["asking the hosts…"]));
        dialog.Add(list);
        IReadOnlyList<TargetChoice> hosts = [];
        TargetChoice? host = null;
        using var closing = new CancellationTokenSource();
        // The hosts answer in the background; the dialog's own loop picks the answer up (no cross-thread calls).
        var loading = Task.Run(() => catalog.LoadAsync(closing.Token), closing.Token);
        app.AddTimeout(TimeSpan.FromMilliseconds(50), () =>
        {
            if (!loading.IsCompleted)
            {
                return !closing.IsCancellationRequested;
            }

            hosts = loading.IsCompletedSuccessfully ? loading.Result : [];
            list.SetSource(new ObservableCollection<string>(hosts.Count > 0 ? hosts.Select(h => h.Line) : ["no hosts answered"]));
            list.SelectedItem = 0;
            return false;
        });
        // Enter on the list would also accept (and close) the dialog; the list handles it: a host opens its models.
        list.Accepting += (_, e) =>
        {
            e.Handled = true;
            var index = list.SelectedItem ?? -1;
            if (host is null && index >= 0 && index < hosts.Count)
            {
                if (hosts[index].Reachable && hosts[index].Models.Count > 0)
                {
                    host = hosts[index];
                    dialog.Title = $"{Title}: {host.Host.Name} (Enter picks, Esc closes)";
                    list.SetSource(new ObservableCollection<string>(host.Models.Select(TargetChoice.ModelLine)));
                    list.SelectedItem = 0;
                }
            }
            else if (host is not null && index >= 0 && index < host.Models.Count)
            {
                var chosen = host;
                _ = TargetCatalog.ChooseAsync(session, pane, chosen, chosen.Models[index], CancellationToken.None);
                app.RequestStop(dialog);
            }
        };
        app.Run(dialog);
        closing.Cancel();
        dialog.Dispose();
    }
}
