package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.Hosting;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one fact the rules see that a usage does not carry: whether the tool catalogue confirms a
 * declared local or internal hosting, as the catalogue answers the engine. Remembered by tool name, as the engine remembers its catalogue look-ups,
 * so that every implementation pays a map look-up for it.
 */
final class HostingConfirmation {
    private final ToolCatalogue tools;
    private final ConcurrentHashMap<String, Boolean> confirmedLocal = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> confirmedInternal = new ConcurrentHashMap<>();

    HostingConfirmation(ToolCatalogue tools) {
        this.tools = tools;
    }

    boolean confirms(String toolName, Hosting hosting) {
        if (hosting.isExternal()) {
            return false;
        }
        // the catalogue's own answer (LOCAL: a tool that exists nowhere external; INTERNAL: an Inserm service)
        ConcurrentHashMap<String, Boolean> known = hosting == Hosting.LOCAL ? confirmedLocal : confirmedInternal;
        return known.computeIfAbsent(toolName, name -> tools.confirms(name, hosting));
    }
}
