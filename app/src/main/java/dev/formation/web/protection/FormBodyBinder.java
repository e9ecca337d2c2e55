package dev.formation.web.protection;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Binds a handler's {@link FormBody} argument to the form {@link CsrfFilter} decoded and checked;
 * a post that carried no form binds an empty one, as an empty body did before.
 */
@Singleton
public class FormBodyBinder implements TypedRequestArgumentBinder<FormBody> {

    private static final Argument<FormBody> TYPE = Argument.of(FormBody.class);

    @Override
    public Argument<FormBody> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<FormBody> bind(ArgumentConversionContext<FormBody> context, HttpRequest<?> source) {
        FormBody body = source.getAttribute(FormBody.ATTRIBUTE, FormBody.class).orElse(FormBody.empty());
        return () -> Optional.of(body);
    }
}
