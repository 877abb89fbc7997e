package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.Hosting;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one fact the rules see that a usage does not carry: whether the tool catalogue confirms a
 * declared local or internal hosting (the tool is catalogued and runs only locally or internally),
 * as the engine computes it. Remembered by tool name, as the engine remembers its catalogue look-ups,
 * so that every implementation pays a map look-up for it.
 */
final class HostingConfirmation {
    private final ToolCatalogue tools;
    private final ConcurrentHashMap<String, Boolean> internalOnly = new ConcurrentHashMap<>();

    HostingConfirmation(ToolCatalogue tools) {
        this.tools = tools;
    }

    boolean confirms(String toolName, Hosting hosting) {
        if (hosting.isExternal()) {
            return false;
        }
        Boolean known = internalOnly.get(toolName);
        if (known == null) {
            known = tools.find(toolName).filter(t -> t.hostings().stream().noneMatch(Hosting::isExternal)).isPresent();
            internalOnly.put(toolName, known);
        }
        return known;
    }
}
