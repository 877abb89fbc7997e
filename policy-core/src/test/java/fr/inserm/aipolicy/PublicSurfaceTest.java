package fr.inserm.aipolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface of policy-core, read from its compiled classes: no Drools, KIE or Jackson type
 * in any public or protected signature (a caller must never need them), and at most 20 public types
 * in a package (a package per concept, implementations package-private beside their API).
 */
class PublicSurfaceTest {
    private static final List<String> HIDDEN = List.of("org.drools.", "org.kie.", "com.fasterxml.");

    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(PolicyEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve("fr/inserm/aipolicy")), "policy-core's classes at " + root);
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        PublicSurfaceTest.class.getClassLoader());
                if (isVisible(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    /** Public, and every enclosing class public too: reachable by a caller. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void noDroolsOrJacksonTypeInAPublicSignature() throws Exception {
        List<Class<?>> types = publicTypes();
        assertTrue(types.size() > 30, "public types found: " + types.size());
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : types) {
            check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
            for (Type implemented : type.getGenericInterfaces()) {
                check(type.getName() + " implements", implemented, leaks);
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    check(type.getName() + "." + component.getName(), component.getGenericType(), leaks);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (isExposed(field.getModifiers())) {
                    check(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (isExposed(method.getModifiers()) && !method.isSynthetic()) {
                    check(type.getName() + "." + method.getName() + " returns", method.getGenericReturnType(), leaks);
                    checkParameters(type.getName() + "." + method.getName(), method, leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (isExposed(constructor.getModifiers()) && !constructor.isSynthetic()) {
                    checkParameters(type.getName() + ".<init>", constructor, leaks);
                }
            }
        }
        assertEquals(List.of(), leaks, "Drools, KIE or Jackson types in policy-core's public API");
    }

    @Test
    void atMostTwentyPublicTypesInAPackage() throws Exception {
        Map<String, Integer> perPackage = new TreeMap<>();
        for (Class<?> type : publicTypes()) {
            perPackage.merge(type.getPackageName(), 1, Integer::sum);
        }
        assertTrue(perPackage.size() >= 5, "packages: " + perPackage);
        perPackage.forEach((name, count) -> assertTrue(count <= 20, name + " has " + count + " public types"));
    }

    private static boolean isExposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkParameters(String where, Executable executable, List<String> leaks) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(where + " takes", parameter, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(where + " throws", thrown, leaks);
        }
    }

    /** The type's text names every class in it, generic arguments and bounds included. */
    private static void check(String where, Type type, List<String> leaks) {
        if (type == null) {
            return;
        }
        String text = type.getTypeName();
        for (String hidden : HIDDEN) {
            if (text.contains(hidden)) {
                leaks.add(where + " " + text);
            }
        }
    }
}
