package io.github.kcconsent.architecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * A layering of packages, lowest first: a class may use its own slice (a package with its sub-packages, e.g.
 * {@code store} with {@code store.jpa}) and slices of lower layers only. Works on compiled classes, so an
 * inline fully qualified name counts exactly like an import. Every package must be placed: a new package
 * fails until someone decides where it sits.
 */
final class Layers {

    private final String root;
    /** slice (package relative to root) to its layer index. */
    private final Map<String, Integer> layerOf = new LinkedHashMap<>();

    private Layers(String root) {
        this.root = root;
    }

    static Layers under(String root) {
        return new Layers(root);
    }

    /** Adds the next layer up; slices in one layer must not use each other either. */
    Layers layer(String... slices) {
        int index = layerOf.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (String slice : slices) {
            layerOf.put(slice, index);
        }
        return this;
    }

    /** Every dependency that runs sideways or up, and every class outside the layering, one line each. */
    List<String> violations(JavaClasses classes) {
        TreeSet<String> out = new TreeSet<>();
        for (JavaClass source : classes) {
            if (!source.getPackageName().startsWith(root)) {
                continue;
            }
            Optional<String> from = slice(source);
            if (from.isEmpty()) {
                out.add(source.getName() + " is in no layer (place its package in ArchitectureTest)");
                continue;
            }
            for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith(root)) {
                    continue;
                }
                Optional<String> to = slice(target);
                if (to.isEmpty() || to.get().equals(from.get())) {
                    continue; // unplaced targets are reported as sources
                }
                if (layerOf.get(to.get()) >= layerOf.get(from.get())) {
                    out.add(from.get() + " -> " + to.get() + ": " + source.getName() + " uses " + target.getName());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The longest slice naming the class's package (so {@code link.validation} wins over {@code link}). */
    private Optional<String> slice(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        String relative = pkg.equals(root) ? "" : pkg.substring(root.length() + 1);
        return layerOf.keySet().stream()
                .filter(s -> relative.equals(s) || relative.startsWith(s + "."))
                .max(Comparator.comparingInt(String::length));
    }
}
