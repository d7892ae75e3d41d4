package io.github.kcconsent.openbanking.payments.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JSON object together with its path in the request, so every error can name the field it is about. */
record JsonObjectAt(ObjectNode node, String path) {

    String child(String name) {
        return path + "." + name;
    }
}
